"""The organizations of the program as it runs today (the county office and six partners)."""

COUNTY = {
    "slug": "county",
    "name": "Los Angeles County Office of Diversion and Reentry",
    "short_name": "County program office",
    "kind": "county",
    "website": "https://dhs.lacounty.gov/",
}

PARTNERS = [
    {"slug": "chrysalis", "name": "Chrysalis", "website": "https://changelives.org/"},
    {
        "slug": "ace",
        "name": "Alliance for Community Empowerment",
        "short_name": "ACE",
        "website": "https://www.acempowerment.org/",
    },
    {
        "slug": "cll",
        "name": "Center for Living and Learning",
        "short_name": "CLL",
        "website": "https://www.cfll.org/",
    },
    {
        "slug": "covenant-house",
        "name": "Covenant House California",
        "website": "https://covenanthousecalifornia.org/",
    },
    {"slug": "ptw", "name": "Paving the Way", "website": "https://www.pavingthewayfoundation.org/"},
    {
        "slug": "arc",
        "name": "Anti-Recidivism Coalition",
        "short_name": "ARC",
        "website": "https://antirecidivism.org/",
    },
]

ORGANIZATIONS = [COUNTY, *({"kind": "partner", **p} for p in PARTNERS)]
