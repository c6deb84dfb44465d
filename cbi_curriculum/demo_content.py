"""The demo curriculum "Thinking It Through at Work", written for this product.

Twelve lessons of a cognitive-behavioral employment group: lessons 1-4 and 8 have full
scripts; the others are outlines a curriculum writer would finish in the admin.
"""


def step(kind, title, minutes, script, scenarios=()):
    return {
        "type": "step",
        "value": {
            "kind": kind,
            "title": title,
            "minutes": minutes,
            "script": script,
            "scenarios": [
                {"title": t, "situation": s, "situation_es": es} for t, s, es in scenarios
            ],
        },
    }


def skill(*pairs):
    return [{"type": "step", "value": {"text": en, "text_es": es}} for en, es in pairs]


def fidelity(*items):
    return [{"type": "item", "value": {"text": text}} for text in items]


def handout(title, body, title_es="", body_es=""):
    return {
        "type": "printable",
        "value": {"title": title, "body": body, "title_es": title_es, "body_es": body_es},
    }


COMMON_FIDELITY = (
    "Started on time and reviewed the group agreements",
    "Reviewed last week's homework with each person who did it",
    "Modelled the skill before anyone practised it",
    "Every participant practised the skill at least once",
    "Assigned and explained the homework",
)

LESSONS = [
    {
        "number": 1,
        "title": "Getting started: how this group works",
        "title_es": "Para empezar: cómo funciona este grupo",
        "purpose": (
            "Welcome new members, agree how the group will work together, and show how "
            "the skills in this curriculum connect to getting and keeping a job."
        ),
        "objectives": (
            "<ul><li>Each member knows the schedule, the room and who to call if they "
            "cannot come.</li><li>The group writes and agrees its own group agreements."
            "</li><li>Each member names one work goal they want the group to help with."
            "</li></ul>"
        ),
        "duration": 90,
        "materials": (
            "<ul><li>Flip chart and markers</li><li>Name tents</li><li>Printed skill card "
            "and homework sheet for each member</li></ul>"
        ),
        "room_setup": "Chairs in a circle, no tables between people. Flip chart where all can see.",
        "script": [
            step(
                "check_in",
                "Welcome and introductions",
                15,
                "<p>Greet each person at the door by name. When everyone is seated, say:</p>"
                '<p><em>"Welcome. This group meets every week for twelve sessions. Each '
                "session we learn one skill that helps at work, we watch it done, and we try "
                "it ourselves. Nobody has to share anything they don't want to.\"</em></p>"
                "<p>Go around the circle: name, what kind of work you want, and one thing you "
                "are good at.</p>",
            ),
            step(
                "new_skill",
                "Why group agreements matter",
                10,
                '<p>Ask: <em>"What makes a workplace feel safe enough to ask a question?"</em> '
                "Write answers on the flip chart. Point out that the same things make this "
                "group work: showing up, listening, respect, privacy.</p>",
            ),
            step(
                "modelling",
                "Writing the agreements together",
                20,
                '<p>Propose a first agreement yourself, for example <em>"What is said here, '
                'stays here."</em> Explain why it matters to you. Invite the group to add, '
                "change or remove agreements until everyone can live with the list.</p>"
                '<p>Read the final list aloud and ask each person to say "I agree" or what '
                "they would change.</p>",
            ),
            step(
                "role_play",
                "Practising a check-in",
                20,
                "<p>In pairs, each person tells their partner how their week went in two "
                "sentences: one thing that went well, one thing that was hard. The partner "
                "repeats it back. Switch.</p>",
                [
                    (
                        "First day jitters",
                        "You start a new job on Monday and you don't know anyone there.",
                        "Empiezas un trabajo nuevo el lunes y no conoces a nadie.",
                    ),
                ],
            ),
            step(
                "homework",
                "Homework: one work goal",
                10,
                "<p>Hand out the homework sheet. Each person writes one work goal for the next "
                "three months and one person who could help them reach it.</p>",
            ),
            step(
                "wrap_up",
                "Wrap-up",
                15,
                "<p>Each person says one word about how they feel leaving today. Remind the "
                "group of the next session's day and time. Thank them for coming.</p>",
            ),
        ],
        "skill_name": "Checking in",
        "skill_name_es": "Cómo reportarse",
        "skill_steps": skill(
            ("Say one thing that went well.", "Di una cosa que salió bien."),
            ("Say one thing that was hard.", "Di una cosa que fue difícil."),
            (
                "Say what you need from the group, if anything.",
                "Di qué necesitas del grupo, si algo.",
            ),
        ),
        "homework": "<p>Write one work goal for the next three months and the name of one "
        "person who could help you reach it.</p>",
        "homework_es": "<p>Escribe una meta de trabajo para los próximos tres meses y el nombre "
        "de una persona que podría ayudarte a lograrla.</p>",
        "handouts": [
            handout(
                "Our group agreements",
                "<p>Write the agreements your group made today:</p><ol><li></li><li></li>"
                "<li></li><li></li><li></li></ol>",
                "Nuestros acuerdos de grupo",
                "<p>Escribe los acuerdos que tu grupo hizo hoy:</p><ol><li></li><li></li>"
                "<li></li><li></li><li></li></ol>",
            )
        ],
        "fidelity": (
            "Every member introduced themself",
            "The group wrote its own agreements and each member agreed to them",
            "The facilitator explained attendance and make-up sessions",
            "Assigned and explained the homework",
        ),
    },
    {
        "number": 2,
        "title": "Thoughts, feelings and actions",
        "title_es": "Pensamientos, sentimientos y acciones",
        "purpose": (
            "Show that what we think about a situation shapes how we feel and what we do, "
            "and that noticing the thought is the first step to choosing the action."
        ),
        "objectives": (
            "<ul><li>Members can tell a thought from a feeling.</li><li>Members can take "
            "a work situation apart into situation, thought, feeling and action.</li></ul>"
        ),
        "duration": 90,
        "materials": "<ul><li>Flip chart with four columns: Situation, Thought, Feeling, "
        "Action</li><li>Skill card</li></ul>",
        "room_setup": "Circle of chairs; the four-column chart on the wall.",
        "script": [
            step(
                "check_in",
                "Check-in and homework review",
                15,
                "<p>Each person checks in using the skill from lesson 1. Ask who wrote a work "
                "goal; invite two or three to share theirs. Praise effort, not only results."
                "</p>",
            ),
            step(
                "new_skill",
                "Four parts of any moment",
                15,
                '<p>Draw the four columns. Explain: <em>"Something happens (the situation). '
                "Our mind says something about it (the thought). Our body and mood react "
                '(the feeling). Then we do something (the action)."</em></p><p>Give a '
                'neutral example: the bus is late. Thought: "I\'m going to lose this job." '
                "Feeling: panic. Action: give up and go home. Ask for a different thought "
                "and show how the feeling and action change.</p>",
            ),
            step(
                "modelling",
                "The facilitator thinks out loud",
                10,
                "<p>Tell a short, true-to-life story of a work moment and fill in the four "
                "columns out loud, naming your thought and feeling honestly.</p>",
            ),
            step(
                "role_play",
                "Role-play: the schedule change",
                20,
                "<p>Two volunteers act out the scenario; the group fills in the columns for "
                "the worker. Replay it with a different thought.</p>",
                [
                    (
                        "The schedule change",
                        "Your supervisor moves your shift to Saturday without asking you.",
                        "Tu supervisor cambia tu turno al sábado sin preguntarte.",
                    ),
                    (
                        "The missing paycheck",
                        "Your first paycheck is a day late and rent is due.",
                        "Tu primer cheque llega un día tarde y tienes que pagar la renta.",
                    ),
                ],
            ),
            step(
                "practice",
                "Practice with feedback",
                15,
                "<p>In threes, each person takes one of their own recent moments apart. The "
                "other two say one thing done well and one question.</p>",
            ),
            step(
                "homework",
                "Homework: catch a thought",
                5,
                "<p>Once this week, write down a moment in the four columns.</p>",
            ),
            step(
                "wrap_up",
                "Wrap-up",
                10,
                '<p>Ask: <em>"Which column is the easiest to change?"</em> Close on time.</p>',
            ),
        ],
        "skill_name": "Taking a moment apart",
        "skill_name_es": "Separar un momento en partes",
        "skill_steps": skill(
            ("What happened?", "¿Qué pasó?"),
            ("What did I think?", "¿Qué pensé?"),
            ("What did I feel?", "¿Qué sentí?"),
            ("What did I do, and what else could I do?", "¿Qué hice y qué más podría hacer?"),
        ),
        "homework": "<p>Once this week, write a moment from your day in four parts: what "
        "happened, what you thought, what you felt, what you did.</p>",
        "homework_es": "<p>Una vez esta semana, escribe un momento de tu día en cuatro partes: "
        "qué pasó, qué pensaste, qué sentiste y qué hiciste.</p>",
        "handouts": [
            handout(
                "Four columns",
                "<p><strong>Situation</strong> · <strong>Thought</strong> · "
                "<strong>Feeling</strong> · <strong>Action</strong></p>",
                "Cuatro columnas",
                "<p><strong>Situación</strong> · <strong>Pensamiento</strong> · "
                "<strong>Sentimiento</strong> · <strong>Acción</strong></p>",
            )
        ],
        "fidelity": COMMON_FIDELITY,
    },
    {
        "number": 3,
        "title": "Spotting risky thinking",
        "title_es": "Reconocer pensamientos de riesgo",
        "purpose": (
            "Help members notice the thoughts that tend to lead to trouble at work, such as "
            "all-or-nothing thinking, blaming and assuming the worst."
        ),
        "objectives": (
            "<ul><li>Members can name three common kinds of risky thinking.</li><li>Each "
            "member finds one risky thought of their own.</li></ul>"
        ),
        "duration": 90,
        "materials": "<ul><li>Cards with risky-thought examples</li><li>Skill card</li></ul>",
        "room_setup": "Circle of chairs; a table in the middle for the cards.",
        "script": [
            step(
                "check_in",
                "Check-in and homework review",
                15,
                "<p>Review the four-column homework. Thank everyone who tried it.</p>",
            ),
            step(
                "new_skill",
                "Kinds of risky thinking",
                15,
                "<p>Introduce three patterns with plain names: <em>all or nothing</em> "
                '("I always mess up"), <em>it\'s their fault</em> ("He made me do it"), '
                '<em>expect the worst</em> ("They\'re going to fire me"). Ask for a work '
                "example of each.</p>",
            ),
            step(
                "modelling",
                "Sorting the cards",
                15,
                "<p>Read a card aloud and decide out loud which pattern it shows and why.</p>",
            ),
            step(
                "role_play",
                "Role-play: the coworker's joke",
                20,
                '<p>Volunteers act out the scenario; the group calls "pause" when they hear '
                "a risky thought.</p>",
                [
                    (
                        "The coworker's joke",
                        "A coworker makes a joke about your work in front of others.",
                        "Un compañero hace una broma sobre tu trabajo delante de otros.",
                    )
                ],
            ),
            step(
                "practice",
                "Practice with feedback",
                10,
                "<p>Each person writes one risky thought they had this month and names the "
                "pattern. Partners give feedback.</p>",
            ),
            step(
                "homework",
                "Homework",
                5,
                "<p>Notice one risky thought this week and write down its pattern.</p>",
            ),
            step("wrap_up", "Wrap-up", 10, "<p>One word each: what stood out today?</p>"),
        ],
        "skill_name": "Spotting a risky thought",
        "skill_name_es": "Reconocer un pensamiento de riesgo",
        "skill_steps": skill(
            ("Notice a strong feeling.", "Nota un sentimiento fuerte."),
            ("Ask: what am I telling myself?", "Pregúntate: ¿qué me estoy diciendo?"),
            ("Name the pattern.", "Ponle nombre al patrón."),
        ),
        "homework": "<p>Notice one risky thought this week. Write it down and name its "
        "pattern.</p>",
        "homework_es": "<p>Nota un pensamiento de riesgo esta semana. Escríbelo y ponle nombre "
        "a su patrón.</p>",
        "handouts": [],
        "fidelity": COMMON_FIDELITY,
    },
    {
        "number": 4,
        "title": "Replacing risky thinking",
        "title_es": "Cambiar los pensamientos de riesgo",
        "purpose": "Practise answering a risky thought with a more balanced one that "
        "leads to a better action.",
        "objectives": "<ul><li>Members can write a balanced thought for a risky one.</li>"
        "<li>Members test the new thought against the likely result.</li></ul>",
        "duration": 90,
        "materials": "<ul><li>Flip chart</li><li>Skill card</li></ul>",
        "room_setup": "Circle of chairs.",
        "script": [
            step(
                "check_in",
                "Check-in and homework review",
                15,
                "<p>Ask who noticed a risky thought. Write two on the chart (with permission).</p>",
            ),
            step(
                "new_skill",
                "Three questions",
                15,
                "<p>Teach three questions: <em>Is it true? Is it helpful? What would I tell a "
                "friend?</em> Use them on the two thoughts from check-in.</p>",
            ),
            step(
                "modelling",
                "Thinking it through out loud",
                10,
                "<p>Take a risky thought of your own through the three questions.</p>",
            ),
            step(
                "role_play",
                "Role-play: the late warning",
                20,
                "<p>Act out the scenario twice: once with the risky thought, once with the "
                "balanced thought. The group compares the endings.</p>",
                [
                    (
                        "The late warning",
                        "You get a written warning for being late twice.",
                        "Recibes una advertencia por escrito por llegar tarde dos veces.",
                    )
                ],
            ),
            step(
                "practice",
                "Practice with feedback",
                15,
                "<p>In pairs, each person replaces one of their own risky thoughts.</p>",
            ),
            step("homework", "Homework", 5, "<p>Use the three questions once this week.</p>"),
            step("wrap_up", "Wrap-up", 10, "<p>Ask what each will try this week.</p>"),
        ],
        "skill_name": "Thinking it through",
        "skill_name_es": "Pensarlo bien",
        "skill_steps": skill(
            ("Is it true?", "¿Es cierto?"),
            ("Is it helpful?", "¿Me ayuda?"),
            ("What would I tell a friend?", "¿Qué le diría a un amigo?"),
            (
                "Choose the thought that leads where I want to go.",
                "Elige el pensamiento que te lleva a donde quieres ir.",
            ),
        ),
        "homework": "<p>Use the three questions on one risky thought this week.</p>",
        "homework_es": "<p>Usa las tres preguntas con un pensamiento de riesgo esta semana.</p>",
        "handouts": [],
        "fidelity": COMMON_FIDELITY,
    },
    {
        "number": 5,
        "title": "Managing anger and stress at work",
        "title_es": "Manejar el enojo y el estrés en el trabajo",
        "purpose": "Recognise early body signs of anger and stress and use a short routine "
        "to cool down before acting.",
        "objectives": "<ul><li>Members list their own early warning signs.</li><li>Members "
        "practise a one-minute cool-down.</li></ul>",
        "fidelity": COMMON_FIDELITY,
        "skill_name": "Cooling down",
        "skill_name_es": "Calmarse",
        "skill_steps": skill(
            ("Notice the warning signs in your body.", "Nota las señales en tu cuerpo."),
            ("Breathe slowly four times.", "Respira despacio cuatro veces."),
            ("Step away if you can.", "Aléjate si puedes."),
            ("Decide what to do next.", "Decide qué hacer después."),
        ),
        "homework": "<p>Use the cool-down once this week and note what happened.</p>",
        "homework_es": "<p>Usa la técnica para calmarte una vez esta semana y anota qué pasó.</p>",
    },
    {
        "number": 6,
        "title": "Active listening",
        "title_es": "Escuchar con atención",
        "purpose": "Listen so the other person feels heard, especially when getting "
        "instructions at work.",
        "objectives": "<ul><li>Members repeat back an instruction in their own words.</li></ul>",
        "fidelity": COMMON_FIDELITY,
        "skill_name": "Listening well",
        "skill_name_es": "Escuchar bien",
        "skill_steps": skill(
            ("Look at the speaker.", "Mira a quien habla."),
            ("Let them finish.", "Deja que termine."),
            ("Say back what you heard.", "Repite lo que escuchaste."),
            ("Ask a question if something is unclear.", "Pregunta si algo no está claro."),
        ),
        "homework": "<p>Repeat back one instruction at work or at home this week.</p>",
        "homework_es": "<p>Repite una instrucción en el trabajo o en casa esta semana.</p>",
    },
    {
        "number": 7,
        "title": "Asking for help",
        "title_es": "Pedir ayuda",
        "purpose": "Ask for help early, clearly and at a good time.",
        "objectives": "<ul><li>Members plan and practise one request for help.</li></ul>",
        "fidelity": COMMON_FIDELITY,
        "skill_name": "Asking for help",
        "skill_name_es": "Pedir ayuda",
        "skill_steps": skill(
            ("Decide what you need.", "Decide qué necesitas."),
            ("Pick who and when.", "Elige a quién y cuándo."),
            ("Ask clearly and say thanks.", "Pide con claridad y da las gracias."),
        ),
        "homework": "<p>Ask someone for help with one thing this week.</p>",
        "homework_es": "<p>Pide ayuda a alguien con una cosa esta semana.</p>",
    },
    {
        "number": 8,
        "title": "Taking criticism from a supervisor",
        "title_es": "Recibir críticas de un supervisor",
        "purpose": (
            "Hear criticism at work without reacting in a way that costs the job, and turn "
            "it into a plan."
        ),
        "objectives": (
            "<ul><li>Members use the four steps to respond to criticism calmly.</li>"
            "<li>Members practise with a realistic supervisor scenario.</li></ul>"
        ),
        "duration": 90,
        "materials": "<ul><li>Skill card</li><li>Scenario cards</li></ul>",
        "room_setup": "Two chairs facing each other in front of the circle for role-plays.",
        "script": [
            step(
                "check_in",
                "Check-in and homework review",
                15,
                "<p>Ask who asked for help this week and how it went.</p>",
            ),
            step(
                "new_skill",
                "Four steps for criticism",
                15,
                "<p>Teach the steps: <em>listen to the end, cool down, ask what exactly should "
                "change, say what you will do.</em> Ask why each step matters on the job.</p>",
            ),
            step(
                "modelling",
                "Facilitator and co-facilitator model",
                10,
                "<p>One plays the supervisor, one the worker. Model the steps, thinking your "
                "thoughts out loud between lines.</p>",
            ),
            step(
                "role_play",
                "Role-play: the messy station",
                25,
                "<p>Each member plays the worker once. The group watches for each step.</p>",
                [
                    (
                        "The messy station",
                        "Your supervisor says your work area was left messy and a customer "
                        "complained.",
                        "Tu supervisor dice que dejaste tu área de trabajo desordenada y un "
                        "cliente se quejó.",
                    ),
                    (
                        "Too slow",
                        "Your lead says you are slower than the others on the crew.",
                        "Tu jefe de equipo dice que eres más lento que los demás.",
                    ),
                ],
            ),
            step(
                "practice",
                "Feedback round",
                10,
                "<p>After each role-play, the group says which steps they saw and one thing to "
                "try differently.</p>",
            ),
            step("homework", "Homework", 5, "<p>Use the steps the next time you get feedback.</p>"),
            step("wrap_up", "Wrap-up", 10, "<p>Ask: which step is hardest for you?</p>"),
        ],
        "skill_name": "Taking criticism",
        "skill_name_es": "Recibir críticas",
        "skill_steps": skill(
            ("Listen to the end.", "Escucha hasta el final."),
            ("Cool down.", "Cálmate."),
            ("Ask what exactly should change.", "Pregunta qué exactamente debe cambiar."),
            ("Say what you will do.", "Di lo que vas a hacer."),
        ),
        "homework": "<p>The next time someone gives you feedback, use the four steps and note "
        "what happened.</p>",
        "homework_es": "<p>La próxima vez que alguien te dé una crítica, usa los cuatro pasos y "
        "anota qué pasó.</p>",
        "handouts": [],
        "fidelity": COMMON_FIDELITY,
    },
    {
        "number": 9,
        "title": "Giving feedback",
        "title_es": "Dar retroalimentación",
        "purpose": "Tell a coworker about a problem in a way that keeps the working relationship.",
        "objectives": "<ul><li>Members give feedback that names the action, not the "
        "person.</li></ul>",
        "fidelity": COMMON_FIDELITY,
        "skill_name": "Giving feedback",
        "skill_name_es": "Dar retroalimentación",
        "skill_steps": skill(
            ("Pick a private moment.", "Elige un momento en privado."),
            ("Say what you saw, not who they are.", "Di lo que viste, no cómo es la persona."),
            ("Say what you would like instead.", "Di lo que te gustaría en su lugar."),
        ),
        "homework": "<p>Plan one piece of feedback you could give this week.</p>",
        "homework_es": "<p>Planea una retroalimentación que podrías dar esta semana.</p>",
    },
    {
        "number": 10,
        "title": "The steps of problem solving",
        "title_es": "Los pasos para resolver problemas",
        "purpose": "Work a real problem through from naming it to checking the result.",
        "objectives": "<ul><li>Members list options and weigh them before acting.</li></ul>",
        "fidelity": COMMON_FIDELITY,
        "skill_name": "Solving a problem",
        "skill_name_es": "Resolver un problema",
        "skill_steps": skill(
            ("Stop and name the problem.", "Detente y nombra el problema."),
            ("Set a goal.", "Fija una meta."),
            ("List options.", "Haz una lista de opciones."),
            ("Pick one and plan it.", "Elige una y planéala."),
            ("Try it and check the result.", "Pruébala y revisa el resultado."),
        ),
        "homework": "<p>Use the steps on one problem this week.</p>",
        "homework_es": "<p>Usa los pasos con un problema esta semana.</p>",
    },
    {
        "number": 11,
        "title": "Planning for setbacks",
        "title_es": "Planear para los contratiempos",
        "purpose": "Expect setbacks, plan responses in advance and get back on track quickly.",
        "objectives": "<ul><li>Members write a plan for their most likely setback.</li></ul>",
        "fidelity": COMMON_FIDELITY,
        "skill_name": "Bouncing back",
        "skill_name_es": "Recuperarse",
        "skill_steps": skill(
            ("Name the setback you fear most.", "Nombra el contratiempo que más temes."),
            ("List early signs.", "Haz una lista de las primeras señales."),
            ("Plan who you will call.", "Planea a quién vas a llamar."),
        ),
        "homework": "<p>Share your setback plan with one supporter.</p>",
        "homework_es": "<p>Comparte tu plan con una persona que te apoye.</p>",
    },
    {
        "number": 12,
        "title": "My personal success plan",
        "title_es": "Mi plan personal de éxito",
        "purpose": "Bring the skills together in a one-page plan and celebrate finishing.",
        "objectives": "<ul><li>Each member presents a one-page success plan.</li></ul>",
        "fidelity": (
            "Each member presented a success plan",
            "The group recognised each member's completion",
        ),
        "skill_name": "My success plan",
        "skill_name_es": "Mi plan de éxito",
        "skill_steps": skill(
            ("My work goal.", "Mi meta de trabajo."),
            ("The skills I will use.", "Las habilidades que voy a usar."),
            ("My supporters.", "Las personas que me apoyan."),
        ),
        "homework": "<p>Keep your plan where you will see it every day.</p>",
        "homework_es": "<p>Guarda tu plan donde lo veas todos los días.</p>",
    },
]


def outline_script(lesson) -> list:
    """An outline lesson's run-sheet: the standard steps, scripts still to be written."""
    todo = "<p>Outline: follow the skill card; the full script is still to be written.</p>"
    return [
        step("check_in", "Check-in and homework review", 15, todo),
        step("new_skill", f"New skill: {lesson['skill_name']}", 15, todo),
        step("modelling", "Modelling", 10, todo),
        step("role_play", "Role-play", 20, todo),
        step("practice", "Skill practice with feedback", 15, todo),
        step("homework", "Homework assignment", 5, todo),
        step("wrap_up", "Wrap-up", 10, todo),
    ]
