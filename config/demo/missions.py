"""Demo mission: the 2017 health mission to China and its report (seed 003), in both languages.

The report was written in French; the English text says the same thing.
"""

# The report's typography is kept as written: its curly apostrophe (U+2019).
# ruff: noqa: RUF001

import datetime

MISSION = {
    "slug": "mission-sante-chine-2017",
    "slug_en": "mission-of-the-minister-of-health-and-social-services-to-china",
    "title_fr": "Mission du ministre de la Santé et des Services sociaux en Chine",
    "title_en": "Mission of the Minister of Health and Social Services to China",
    "ministry_fr": "Ministère de la Santé et des Services sociaux",
    "ministry_en": "Ministry of Health and Social Services",
    "start_date": datetime.date(2017, 9, 2),
    "end_date": datetime.date(2017, 9, 10),
    "original_language": "fr",
    "summary_fr": "Mission ministérielle à Shanghai, Qingdao, Jinan et Beijing pour consolider la collaboration entre le Québec et la Chine en santé et en services sociaux.",
    "summary_en": "Ministerial mission to Shanghai, Qingdao, Jinan and Beijing to strengthen collaboration between Québec and China in health and social services.",
    "accompanying_organisations_fr": "Représentants des centres hospitaliers universitaires (CHU) du Québec et d’entreprises québécoises spécialisées dans le secteur des technologies médicales.",
    "accompanying_organisations_en": "Representatives of Québec's university hospital centres (CHU) and of Québec companies specialized in the medical technology sector.",
    "context_fr": (
        "Les liens entre le Québec et la Chine s’appuient sur plus de trois décennies d’échanges "
        "continus dans des domaines diversifiés. Huit ententes de coopération sont actuellement en "
        "vigueur entre la Chine et le Québec dans des champs d’application variés tels que "
        "l’éducation supérieure, la science et la technologie ainsi que le commerce. En plus de "
        "ses rapports avec le gouvernement central chinois, le Québec entretient des relations "
        "étroites avec la province du Shandong et la municipalité autonome de Shanghai, des "
        "territoires auxquels il est lié par des ententes de coopération multisectorielle."
    ),
    "context_en": (
        "Ties between Québec and China rest on more than three decades of continuous exchanges in "
        "diverse fields. Eight cooperation agreements are currently in force between China and "
        "Québec in fields as varied as higher education, science and technology, and trade. "
        "Besides its relations with China's central government, Québec has close relations with "
        "Shandong Province and the autonomous municipality of Shanghai, territories to which it is "
        "bound by multisectoral cooperation agreements."
    ),
    "objectives_fr": (
        "consolider les liens de collaboration développés entre le Québec et la Chine au cours des "
        "dernières années, particulièrement dans les domaines de la santé et des services "
        "sociaux;\n"
        "développer les collaborations dans le domaine médical et « institutionnaliser » les "
        "échanges avec la province du Shandong;\n"
        "consolider les partenariats existants des CHU en Chine et démontrer l’appui du "
        "gouvernement du Québec à ces partenariats;\n"
        "faire connaître aux entreprises québécoises les joueurs clés chinois, établir des liens "
        "d’affaires et favoriser la collaboration entre les entreprises québécoises et chinoises "
        "dans le secteur des technologies médicales."
    ),
    "objectives_en": (
        "strengthen the ties of collaboration developed between Québec and China in recent years, "
        "particularly in health and social services;\n"
        "develop collaboration in the medical field and “institutionalize” exchanges with Shandong "
        "Province;\n"
        "strengthen the existing partnerships of Québec's university hospital centres (CHU) in "
        "China and show the Government of Québec's support for these partnerships;\n"
        "introduce Québec companies to the key Chinese players, build business ties and foster "
        "collaboration between Québec and Chinese companies in the medical technology sector."
    ),
    "results_fr": (
        "Les objectifs fixés pour cette mission ont été atteints. Plus précisément, celle-ci a "
        "notamment permis :\n"
        "de réitérer aux partenaires chinois la volonté du Québec de collaborer dans les domaines "
        "de la santé et des services sociaux. À cet effet, il a été proposé d’actualiser deux "
        "ententes de coopération existantes, soit celle signée en 2011 avec la municipalité de "
        "Shanghai et celle signée en 2008 avec la province du Shandong;\n"
        "d’identifier de nouveaux projets concrets à développer entre des établissements du Québec "
        "et de la Chine;\n"
        "d’officialiser deux importants partenariats entre le Québec et la Chine par la signature "
        "de deux protocoles d’entente dans les domaines de la prévention et du contrôle des "
        "maladies ainsi que des technologies médicales."
    ),
    "results_en": (
        "The objectives set for this mission were achieved. More specifically, the mission made "
        "it possible:\n"
        "to reiterate to the Chinese partners Québec's willingness to collaborate in health and "
        "social services. To this end, it was proposed to update two existing cooperation "
        "agreements, the one signed in 2011 with the Municipality of Shanghai and the one signed "
        "in 2008 with Shandong Province;\n"
        "to identify new concrete projects to be developed between institutions in Québec and "
        "China;\n"
        "to formalize two important partnerships between Québec and China by signing two "
        "memoranda of understanding, in disease prevention and control and in medical "
        "technologies."
    ),
    "author_unit_fr": "Direction des affaires intergouvernementales et de la coopération internationale",
    "author_unit_en": "Intergovernmental Affairs and International Cooperation Branch",
    "written_on": datetime.date(2017, 9, 22),
    "filed_by_fr": "Luc Castonguay, sous-ministre adjoint à la planification, l’évaluation et la qualité",
    "filed_by_en": "Luc Castonguay, Assistant Deputy Minister for Planning, Evaluation and Quality",
    "filed_on": datetime.date(2017, 10, 11),
    "sectors": ["health", "trade"],
    "agreements_signed": [
        "protocole-prevention-controle-maladies-2017",
        "protocole-technologies-medicales-2017",
    ],
    "places": [
        # (city fr, city en, partner iso)
        ("Shanghai", "Shanghai", "CN-SH"),
        ("Qingdao", "Qingdao", "CN-SD"),
        ("Jinan", "Jinan", "CN-SD"),
        ("Beijing", "Beijing", "CN"),
    ],
    "delegation": [
        (
            "Dr Gaétan Barrette",
            "ministre de la Santé et des Services sociaux",
            "Minister of Health and Social Services",
        ),
        (
            "M. Daniel Desharnais",
            "directeur du cabinet du ministre",
            "Chief of Staff to the Minister",
        ),
        (
            "Dr Michel A. Bureau",
            "sous-ministre associé des services de santé et de la médecine universitaire",
            "Associate Deputy Minister, Health Services and Academic Medicine",
        ),
        (
            "Mme Valérie Fontaine",
            "directrice des affaires intergouvernementales et de la coopération internationale",
            "Director, Intergovernmental Affairs and International Cooperation",
        ),
    ],
    "recommendations": [
        (
            "Poursuivre les échanges et développer une offre concertée pour le Québec dans le domaine de la santé afin de promouvoir l’expertise québécoise;",
            "Continue the exchanges and develop a concerted offer for Québec in the health field in order to promote Québec's expertise.",
        ),
        (
            "Entreprendre des démarches avec le ministère des Relations internationales et de la Francophonie afin d’actualiser les ententes signées avec la municipalité de Shanghai (2011) et la province du Shandong (2008).",
            "Take steps with the Ministry of International Relations and La Francophonie to update the agreements signed with the Municipality of Shanghai (2011) and Shandong Province (2008).",
        ),
    ],
}
