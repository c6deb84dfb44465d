"""Demo courses, one per sector, written for SECTOR participants in plain language."""


def check(title, *questions):
    return {
        "title": title,
        "questions": [
            {
                "prompt": prompt,
                "answers": [
                    {"text": text, "correct": correct, "feedback": feedback}
                    for text, correct, feedback in answers
                ],
            }
            for prompt, answers in questions
        ],
    }


SECTORS = [
    {
        "slug": "construction-trades",
        "title": "Construction trades",
        "intro": "Start a career building homes, roads and schools. Most jobs start as a "
        "helper or apprentice, and you earn while you learn.",
        "course": {
            "slug": "construction-basics",
            "title": "Construction site basics",
            "hours": "3.0",
            "intro": "<p>What a first week on a construction site looks like, how to stay safe, "
            "and how apprenticeships work.</p>",
            "modules": [
                {
                    "slug": "staying-safe-on-site",
                    "title": "Staying safe on site",
                    "minutes": 45,
                    "intro": "Safety comes first on every job site. These habits keep you and "
                    "your crew from getting hurt.",
                    "text": "<p>Every morning starts with a short safety meeting, sometimes "
                    "called a <b>toolbox talk</b>. The foreman explains the day's work and the "
                    "dangers that come with it. Listen, and ask if something is not clear.</p>"
                    "<p>Wear your <b>personal protective equipment</b> (PPE) the whole time "
                    "you are on site: a hard hat, safety glasses, a high-visibility vest, work "
                    "gloves and boots with safety toes. Your employer must give you the "
                    "equipment the job needs.</p><p>Falls are the biggest cause of deaths in "
                    "construction. Use guardrails, harnesses and ladders the right way, and "
                    "never stand on the top step of a ladder.</p>",
                    "callout": (
                        "safety",
                        "<p>You have the right to refuse work that you "
                        "believe is dangerous. Tell your supervisor right away.</p>",
                    ),
                    "check": check(
                        "Check what you learned about safety",
                        (
                            "What is a toolbox talk?",
                            [
                                (
                                    "A short safety meeting at the start of the day",
                                    True,
                                    "Yes. It tells the crew about the day's work and its dangers.",
                                ),
                                (
                                    "A class about how to buy tools",
                                    False,
                                    "No. It is a short safety meeting, often held every morning.",
                                ),
                                (
                                    "A test you take to get hired",
                                    False,
                                    "No. It is a daily meeting, not a test.",
                                ),
                            ],
                        ),
                        (
                            "What causes the most deaths in construction?",
                            [
                                (
                                    "Falls",
                                    True,
                                    "Right. Guardrails, harnesses and safe ladder "
                                    "use prevent most of them.",
                                ),
                                (
                                    "Sunburn",
                                    False,
                                    "Sun is a risk, but falls cause the most deaths.",
                                ),
                                (
                                    "Loud noise",
                                    False,
                                    "Noise can hurt your hearing, but falls cause the most deaths.",
                                ),
                            ],
                        ),
                    ),
                },
                {
                    "slug": "apprenticeships",
                    "title": "How apprenticeships work",
                    "minutes": 30,
                    "intro": "An apprenticeship is a paid job with training built in.",
                    "text": "<p>In an apprenticeship you work for a contractor during the day "
                    "and take classes, often in the evening. Your pay goes up as you learn "
                    "more skills. Most programs last three to five years.</p><p>Many unions "
                    "and contractors run <b>pre-apprenticeship</b> programs first. They teach "
                    "basic math, tool use and safety, and can help you get into the full "
                    "apprenticeship. Bring a copy of your ID, your driver's license if you "
                    "have one, and any certificates such as OSHA 10 when you apply.</p>",
                    "callout": (
                        "tip",
                        "<p>Being on time every day is the fastest way to "
                        "earn a good reference from your foreman.</p>",
                    ),
                    "check": check(
                        "Check what you learned about apprenticeships",
                        (
                            "Are apprentices paid?",
                            [
                                (
                                    "Yes, and pay goes up as skills grow",
                                    True,
                                    "Right. You earn while you learn.",
                                ),
                                (
                                    "No, apprentices work for free",
                                    False,
                                    "Apprentices are paid employees.",
                                ),
                            ],
                        ),
                        (
                            "What does a pre-apprenticeship help with?",
                            [
                                (
                                    "Getting ready for and into a full apprenticeship",
                                    True,
                                    "Yes. It teaches the basics employers expect.",
                                ),
                                ("Buying a house", False, "No. It is job training."),
                            ],
                        ),
                    ),
                },
            ],
        },
    },
    {
        "slug": "information-technology",
        "title": "Information technology",
        "intro": "Help people and businesses use computers. Entry jobs include help desk and "
        "IT support technician.",
        "course": {
            "slug": "it-support-foundations",
            "title": "IT support foundations",
            "hours": "3.0",
            "intro": "<p>The first skills of an IT support technician: solving problems step "
            "by step and keeping accounts safe.</p>",
            "modules": [
                {
                    "slug": "troubleshooting-step-by-step",
                    "title": "Troubleshooting step by step",
                    "minutes": 40,
                    "intro": "Good technicians follow the same steps every time.",
                    "text": '<p>When someone says "my computer does not work", start by '
                    "<b>asking questions</b>: what were you doing, what did you see, did it "
                    "work before? Write the answers down.</p><p>Next, try the <b>simplest "
                    "fix first</b>: is it plugged in, is it turned on, does a restart help? "
                    "Change one thing at a time, so you know what fixed it.</p><p>When it "
                    "works again, <b>write down</b> what was wrong and what you did. The next "
                    "person with the same problem will get help faster.</p>",
                    "callout": (
                        "tip",
                        "<p>Stay calm and friendly. People who call the help "
                        "desk are often stressed.</p>",
                    ),
                    "check": check(
                        "Check your troubleshooting steps",
                        (
                            "What should you do first?",
                            [
                                (
                                    "Ask questions about what happened",
                                    True,
                                    "Yes. Understanding the problem comes first.",
                                ),
                                (
                                    "Replace the computer",
                                    False,
                                    "That is the last resort. Start by asking questions.",
                                ),
                            ],
                        ),
                        (
                            "Why change only one thing at a time?",
                            [
                                ("So you know what fixed the problem", True, "Exactly."),
                                (
                                    "Because it is faster",
                                    False,
                                    "It can be slower, but you learn what really fixed it.",
                                ),
                            ],
                        ),
                    ),
                },
                {
                    "slug": "passwords-and-phishing",
                    "title": "Passwords and phishing",
                    "minutes": 30,
                    "intro": "Most break-ins start with a stolen password.",
                    "text": "<p>A strong password is long: a short sentence of four or more "
                    "words is easy to remember and hard to guess. Use a different password for "
                    "every account, and a password manager to keep track.</p><p><b>Phishing</b> "
                    "is a fake message that tries to get you to click a link or share a "
                    "password. Watch for urgent language, spelling mistakes and sender "
                    "addresses that look almost right.</p><p>Turn on two-step sign-in (a code "
                    "from an app or a text) wherever you can.</p>",
                    "callout": (
                        "important",
                        "<p>IT staff will never ask for your password. "
                        "If someone does, report it.</p>",
                    ),
                    "check": check(
                        "Check what you know about account safety",
                        (
                            "Which password is strongest?",
                            [
                                (
                                    "green river bicycle morning",
                                    True,
                                    "Yes. Long phrases are strong and easy to remember.",
                                ),
                                ("Pa$$1", False, "Too short. Length matters most."),
                            ],
                        ),
                        (
                            "An email says your account closes in one hour unless you click a "
                            "link. What is it probably?",
                            [
                                ("Phishing", True, "Right. Urgency is a common trick."),
                                (
                                    "A normal message from IT",
                                    False,
                                    "Real IT teams rarely pressure you like this.",
                                ),
                            ],
                        ),
                    ),
                },
            ],
        },
    },
    {
        "slug": "health-care",
        "title": "Health care",
        "intro": "Support patients and clinics. Entry jobs include medical assistant, "
        "patient care helper and front desk work.",
        "course": {
            "slug": "working-in-a-clinic",
            "title": "Working in a clinic",
            "hours": "2.5",
            "intro": "<p>Everyday skills for clinic work: infection control and patient "
            "privacy.</p>",
            "modules": [
                {
                    "slug": "hand-hygiene",
                    "title": "Clean hands save lives",
                    "minutes": 30,
                    "intro": "Hand hygiene is the simplest way to stop germs spreading.",
                    "text": "<p>Clean your hands <b>before and after</b> touching a patient, "
                    "after touching surfaces near them, and after taking off gloves.</p><p>Use "
                    "soap and water for at least 20 seconds when hands look dirty. Otherwise, "
                    "hand sanitizer with at least 60% alcohol works well.</p><p>Gloves do not "
                    "replace hand washing. Change them between patients.</p>",
                    "callout": (
                        "tip",
                        '<p>Humming "Happy Birthday" twice takes about 20 seconds.</p>',
                    ),
                    "check": check(
                        "Check your hand hygiene",
                        (
                            "How long should you wash with soap and water?",
                            [
                                ("At least 20 seconds", True, "Right."),
                                ("About 3 seconds", False, "Too short. Aim for 20 seconds."),
                            ],
                        ),
                        (
                            "Do gloves replace hand washing?",
                            [
                                ("No", True, "Correct. Clean hands before and after gloves."),
                                ("Yes", False, "No. Clean your hands before and after."),
                            ],
                        ),
                    ),
                },
                {
                    "slug": "patient-privacy",
                    "title": "Keeping patient information private",
                    "minutes": 30,
                    "intro": "Patients trust clinics with private information.",
                    "text": "<p>Health information is protected by law. Share it only with "
                    "people who need it to care for the patient.</p><p>Do not talk about "
                    "patients in hallways, elevators or on social media. Lock your screen when "
                    "you step away, and never leave papers where others can read them.</p>",
                    "callout": (
                        "important",
                        "<p>If you are not sure you may share something, "
                        "ask your supervisor first.</p>",
                    ),
                    "check": check(
                        "Check what you know about privacy",
                        (
                            "A friend asks if their neighbor came to your clinic. What do you say?",
                            [
                                (
                                    "I can't share anything about patients",
                                    True,
                                    "Right. Even a visit is private.",
                                ),
                                (
                                    "Yes, but only tell them the date",
                                    False,
                                    "No. Whether someone visited is private too.",
                                ),
                            ],
                        ),
                    ),
                },
            ],
        },
    },
    {
        "slug": "green-jobs-solar",
        "title": "Green jobs: solar",
        "intro": "Install and maintain solar panels that power homes and businesses.",
        "course": {
            "slug": "solar-installation-basics",
            "title": "Solar installation basics",
            "hours": "2.5",
            "intro": "<p>How solar power works and how installers work safely on roofs.</p>",
            "modules": [
                {
                    "slug": "how-solar-works",
                    "title": "How solar panels make power",
                    "minutes": 30,
                    "intro": "Sunlight in, electricity out.",
                    "text": "<p>Solar panels are made of cells that turn sunlight into "
                    "<b>direct current</b> (DC) electricity. An <b>inverter</b> changes it to "
                    "<b>alternating current</b> (AC), the kind used in homes.</p><p>In Los "
                    "Angeles, panels usually face south or west to get the most sun. Shade from "
                    "trees or nearby buildings lowers how much power they make.</p>",
                    "callout": (
                        "tip",
                        "<p>Clean panels make more power. Dust and leaves can block the light.</p>",
                    ),
                    "check": check(
                        "Check how solar works",
                        (
                            "What does an inverter do?",
                            [
                                ("Changes DC power into AC power", True, "Right."),
                                (
                                    "Stores power for the night",
                                    False,
                                    "That is a battery. An inverter changes DC to AC.",
                                ),
                            ],
                        ),
                    ),
                },
                {
                    "slug": "roof-safety",
                    "title": "Working safely on roofs",
                    "minutes": 30,
                    "intro": "Solar work happens high up and near electricity.",
                    "text": "<p>Always use <b>fall protection</b> on a roof: a harness tied to "
                    "an anchor, or guardrails. Check your harness for damage every day.</p>"
                    "<p>Panels make electricity whenever light hits them, even when the system "
                    "is switched off. Treat every wire as live until a qualified electrician "
                    "says it is safe.</p>",
                    "callout": (
                        "safety",
                        "<p>Drink water often. Roofs get very hot in the summer.</p>",
                    ),
                    "check": check(
                        "Check your roof safety",
                        (
                            "Panels are switched off. Are the wires safe to touch?",
                            [
                                (
                                    "No, panels still make power in the light",
                                    True,
                                    "Right. Treat every wire as live.",
                                ),
                                (
                                    "Yes, switched off means safe",
                                    False,
                                    "No. Light on the panels still makes power.",
                                ),
                            ],
                        ),
                    ),
                },
            ],
        },
    },
    {
        "slug": "animation-vfx",
        "title": "Animation and visual effects",
        "intro": "Help make films, shows and games. Entry jobs include production assistant "
        "and junior artist.",
        "course": {
            "slug": "animation-pipeline",
            "title": "Inside an animation studio",
            "hours": "2.0",
            "intro": "<p>How a studio turns an idea into finished frames, and how to build a "
            "portfolio.</p>",
            "modules": [
                {
                    "slug": "the-pipeline",
                    "title": "The production pipeline",
                    "minutes": 30,
                    "intro": "Every shot passes through many hands.",
                    "text": "<p>A project moves through steps called the <b>pipeline</b>: "
                    "story and storyboards, design, modeling, rigging, animation, lighting, "
                    "and compositing, where all the layers come together.</p><p>Each team "
                    "hands its work to the next. Naming files the studio's way and meeting "
                    "deadlines keeps everyone moving.</p>",
                    "callout": (
                        "tip",
                        "<p>Production assistants learn the whole pipeline. "
                        "It is a common first job.</p>",
                    ),
                    "check": check(
                        "Check the pipeline",
                        (
                            "What happens in compositing?",
                            [
                                ("All the layers of a shot are combined", True, "Right."),
                                (
                                    "The story is written",
                                    False,
                                    "Story comes first; compositing is near the end.",
                                ),
                            ],
                        ),
                    ),
                },
                {
                    "slug": "your-portfolio",
                    "title": "Building your portfolio",
                    "minutes": 30,
                    "intro": "Studios hire from your best work.",
                    "text": "<p>A <b>demo reel</b> is a short video, one to two minutes, of "
                    "your best work. Put your strongest piece first.</p><p>Show fewer pieces "
                    "that are finished rather than many that are not. Say what you did on "
                    "each shot if you worked in a team.</p>",
                    "callout": (
                        "tip",
                        "<p>Free tools like Blender are used in real studios. "
                        "You can start practicing today.</p>",
                    ),
                    "check": check(
                        "Check your portfolio know-how",
                        (
                            "How long should a demo reel be?",
                            [
                                ("One to two minutes", True, "Right. Short and strong."),
                                ("Ten minutes or more", False, "Too long. Keep it short."),
                            ],
                        ),
                    ),
                },
            ],
        },
    },
]
