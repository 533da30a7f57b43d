"""Demo agreements: the ministry's public documents (../shared/seeds/) as records, in both languages.

Only facts the documents give. Where they give a year, the date is a year; where they give no
date, the date is unknown. The parties are the partners of .partners, by ISO code.
"""

import datetime

from .partners import MEXICO_SECTORS

YEAR, MONTH, UNKNOWN = "year", "month", "unknown"


def year(value: int):
    return (datetime.date(value, 1, 1), YEAR)


def _events(signed_year, renewals=(), unknown_renewals=0):
    events = [("signed", *year(signed_year))]
    events += [("renewed", *year(y)) for y in renewals]
    events += [("renewed", None, UNKNOWN)] * unknown_renewals
    return events


AGREEMENTS = [
    {
        "slug": "entente-education-chine-1980",
        "slug_en": "agreement-in-the-field-of-education-and-higher-education-between-quebec-and-china",
        "title_fr": "Entente dans le domaine de l'éducation et de l'enseignement supérieur entre le Québec et la Chine",
        "title_en": "Agreement in the field of education and higher education between Québec and China",
        "parties": ["CN"],
        "sectors": ["education"],
        "status": "in_force",
        "signed": year(1980),
        "summary_fr": (
            "Clé de voûte de la relation bilatérale en éducation, l'entente a été signée en 1980 et "
            "renouvelée sept fois depuis. Elle a permis à des centaines d'étudiants chinois de "
            "bénéficier d'exemptions des droits de scolarité supplémentaires ou de bourses "
            "d'excellence pour étudier au Québec, et à de nombreux Québécois de recevoir des "
            "bourses du gouvernement chinois pour des stages ou des études universitaires en Chine. "
            "Les deux parties se sont aussi engagées à promouvoir les études québécoises et "
            "chinoises."
        ),
        "summary_en": (
            "The key to the bilateral relationship in education, the agreement was signed in 1980 "
            "and has been renewed seven times since. It has enabled hundreds of Chinese students to "
            "take advantage of supplemental tuition fee exemptions or merit-based awards to study "
            "in Québec, and numerous Quebecers to receive bursaries from the Chinese government for "
            "internships or university studies in China. The two parties have also agreed to "
            "promote Québec and Chinese studies."
        ),
        # The seed says "renewed seven times since": seven renewals, dates not given.
        "events": _events(1980, unknown_renewals=7),
    },
    {
        "slug": "entente-science-technologie-chine-1995",
        "slug_en": "quebec-china-cooperation-agreement-in-the-fields-of-science-and-technology",
        "title_fr": "Entente de coopération Québec-Chine dans les domaines de la science et de la technologie",
        "title_en": "Québec-China cooperation agreement in the fields of science and technology",
        "parties": ["CN"],
        "sectors": ["science-technology", "health", "environment-climate"],
        "status": "in_force",
        "signed": year(1995),
        "summary_fr": (
            "Principal mécanisme institutionnel de rapprochement entre partenaires chinois et "
            "québécois en recherche. Par cet outil, la Chine et le Québec financent conjointement "
            "des projets de recherche prometteurs à hauteur de 1,5 million de dollars canadiens "
            "chacun sur trois ans. Quatre appels à projets ont été lancés depuis 2007, le plus "
            "récent en 2016; les trois premiers ont permis de financer 16 projets pour 9,2 millions "
            "de dollars.\n"
            "Secteurs prioritaires : biotechnologies et produits pharmaceutiques; énergies "
            "renouvelables; environnement et développement durable; nouveaux matériaux et produits "
            "biosourcés; santé; sciences de la vie, notamment la génomique, la protéomique, la "
            "ribonomique et la biologie synthétique; sciences de la mer; technologies de "
            "l'information et des communications, notamment les TIC vertes et les TIC en santé."
        ),
        "summary_en": (
            "The main institutional mechanism to develop ties between Chinese and Québec partners "
            "in research. Through this tool, China and Québec jointly fund promising research "
            "projects to the tune of CA$1.5 million each over three years. Four calls for projects "
            "have been held since 2007, the most recent in 2016; the first three resulted in "
            "$9.2 million in funding for 16 projects.\n"
            "Priority sectors: biotechnology and pharmaceuticals; renewable energies; the "
            "environment and sustainable development; new bio-sourced materials and products; "
            "health; life sciences, especially genomics, proteomics, RNomics and synthetic biology; "
            "marine sciences; information and communication technologies, especially green ICT and "
            "health-oriented ICT."
        ),
        "events": _events(1995, renewals=(2005, 2011)),
        # Four calls: the first in 2007, the last in 2016; the seed gives no other year, budget
        # or count per call (only the total of the first three, kept in the summary).
        "funding_calls": [
            {"number": 1, "year": 2007},
            {"number": 2, "year": None},
            {"number": 3, "year": None},
            {"number": 4, "year": 2016},
        ],
    },
    # In force: the 2017 mission report (seed 004) says the cooperation agreements between China
    # and Québec are in force (eight of them, with Shandong's and Shanghai's among them); seed
    # 000 names these two, without a date.
    {
        "slug": "entente-science-technologie-shanghai",
        "slug_en": "science-and-technology-cooperation-agreement-with-the-city-of-shanghai",
        "title_fr": "Entente de coopération en science et technologie avec la Ville de Shanghai",
        "title_en": "Science and technology cooperation agreement with the City of Shanghai",
        "parties": ["CN-SH"],
        "sectors": ["science-technology"],
        "status": "in_force",
        "signed": (None, UNKNOWN),
        "summary_fr": "Entente de coopération en science et technologie signée avec la Ville de Shanghai.",
        "summary_en": "Science and technology cooperation agreement signed with the City of Shanghai.",
        "events": [("signed", None, UNKNOWN)],
    },
    {
        "slug": "entente-science-technologie-shandong",
        "slug_en": "science-and-technology-cooperation-agreement-with-shandong-province",
        "title_fr": "Entente de coopération en science et technologie avec la province du Shandong",
        "title_en": "Science and technology cooperation agreement with Shandong Province",
        "parties": ["CN-SD"],
        "sectors": ["science-technology"],
        "status": "in_force",
        "signed": (None, UNKNOWN),
        "summary_fr": "Entente de coopération en science et technologie signée avec la province du Shandong.",
        "summary_en": "Science and technology cooperation agreement signed with Shandong Province.",
        "events": [("signed", None, UNKNOWN)],
    },
    {
        "slug": "entente-lac-champlain-2003",
        "slug_en": "agreement-on-environmental-cooperation-regarding-the-management-of-lake-champlain",
        "title_fr": "Entente de coopération environnementale sur la gestion du lac Champlain",
        "title_en": "Agreement on environmental cooperation regarding the management of Lake Champlain",
        "parties": ["US-NY", "US-VT"],
        "sectors": ["environment-climate"],
        "status": "signed",
        "signed": year(2003),
        "summary_fr": "Entente de coopération environnementale sur la gestion du lac Champlain, signée avec l'État de New York et le Vermont.",
        "summary_en": "Agreement on environmental cooperation regarding the management of Lake Champlain, signed with New York State and Vermont.",
        "events": _events(2003),
    },
    *[
        {
            "slug": f"entente-information-application-loi-{slug}-{signed}",
            "slug_en": f"bilateral-cooperation-agreement-on-sharing-information-for-law-enforcement-purposes-with-{slug}",
            "title_fr": f"Entente de coopération bilatérale sur l'échange d'information à des fins d'application de la loi avec {name_fr}",
            "title_en": f"Bilateral cooperation agreement on sharing information for law-enforcement purposes with {name_en}",
            "parties": [iso],
            "sectors": ["security"],
            "status": "signed",
            "signed": year(signed),
            "summary_fr": f"Entente de coopération bilatérale signée avec {name_fr} en {signed}, portant sur l'échange d'information à des fins d'application de la loi.",
            "summary_en": f"Bilateral cooperation agreement signed with {name_en} in {signed}, covering the sharing of information for law-enforcement purposes.",
            "events": _events(signed),
        }
        for iso, slug, name_fr, name_en, signed in [
            ("US-ME", "maine", "le Maine", "Maine", 2004),
            ("US-MA", "massachusetts", "le Massachusetts", "Massachusetts", 2007),
            ("US-NH", "new-hampshire", "le New Hampshire", "New Hampshire", 2004),
            ("US-VT", "vermont", "le Vermont", "Vermont", 2004),
        ]
    ],
    {
        "slug": "entente-amitie-echanges-shandong-2008",
        "slug_en": "agreement-to-develop-ties-of-friendship-and-exchanges-between-quebec-and-shandong-province",
        "title_fr": "Entente visant à développer des liens d'amitié et d'échanges entre le Québec et la province du Shandong",
        "title_en": "Agreement to develop ties of friendship and exchanges between Québec and Shandong Province",
        "parties": ["CN-SD"],
        "sectors": ["education", "culture", "trade", "health"],
        "status": "in_force",
        "signed": year(2008),
        "summary_fr": "Entente de coopération multisectorielle signée en 2008. En 2017, la mission ministérielle en santé a proposé de l'actualiser.",
        "summary_en": "Multisectoral cooperation agreement signed in 2008. In 2017, the ministerial health mission proposed that it be updated.",
        "events": _events(2008),
    },
    {
        "slug": "entente-cooperation-shanghai-2011",
        "slug_en": "cooperation-agreement-between-quebec-and-the-municipality-of-shanghai",
        "title_fr": "Entente de coopération entre le Québec et la municipalité de Shanghai",
        "title_en": "Cooperation agreement between Québec and the Municipality of Shanghai",
        "parties": ["CN-SH"],
        "sectors": ["science-technology", "culture", "health"],
        "status": "in_force",
        "signed": year(2011),
        "summary_fr": "Entente de coopération multisectorielle signée en 2011. En 2017, la mission ministérielle en santé a proposé de l'actualiser.",
        "summary_en": "Multisectoral cooperation agreement signed in 2011. In 2017, the ministerial health mission proposed that it be updated.",
        "events": _events(2011),
    },
    *[
        {
            "slug": f"entente-cooperation-{slug}-{signed}",
            "slug_en": f"multisectoral-cooperation-agreement-with-the-state-of-{slug}",
            "title_fr": f"Entente de coopération multisectorielle avec l'État de {name}",
            "title_en": f"Multisectoral cooperation agreement with the State of {name}",
            "parties": [iso],
            "sectors": MEXICO_SECTORS,
            "status": "signed",
            "signed": year(signed),
            "summary_fr": f"Entente de coopération multisectorielle signée en {signed}. Plusieurs activités ont été lancées en éducation, en culture, en économie, en environnement, en jeunesse et en tourisme.",
            "summary_en": f"Multisectoral cooperation agreement signed in {signed}. Several activities have been launched in education, culture, the economy, the environment, youth and tourism.",
            "events": _events(signed),
        }
        for iso, slug, name, signed in [
            ("MX-JAL", "jalisco", "Jalisco", 2006),
            ("MX-GUA", "guanajuato", "Guanajuato", 2006),
            ("MX-NLE", "nuevo-leon", "Nuevo León", 2009),
        ]
    ],
    {
        "slug": "protocole-prevention-controle-maladies-2017",
        "slug_en": "memorandum-of-understanding-in-the-field-of-disease-prevention-and-control",
        "kind": "memorandum",
        "title_fr": "Protocole d'entente dans le domaine de la prévention et du contrôle des maladies",
        "title_en": "Memorandum of understanding in the field of disease prevention and control",
        "parties": ["CN"],
        "sectors": ["health"],
        "status": "signed",
        "signed": (datetime.date(2017, 9, 1), MONTH),
        "summary_fr": "Protocole d'entente signé pendant la mission ministérielle en santé de septembre 2017 en Chine, pour officialiser un partenariat important entre le Québec et la Chine.",
        "summary_en": "Memorandum of understanding signed during the ministerial health mission to China in September 2017, to formalize an important partnership between Québec and China.",
        "events": [("signed", datetime.date(2017, 9, 1), MONTH)],
    },
    {
        "slug": "protocole-technologies-medicales-2017",
        "slug_en": "memorandum-of-understanding-in-the-field-of-medical-technologies",
        "kind": "memorandum",
        "title_fr": "Protocole d'entente dans le domaine des technologies médicales",
        "title_en": "Memorandum of understanding in the field of medical technologies",
        "parties": ["CN"],
        "sectors": ["health", "trade"],
        "status": "signed",
        "signed": (datetime.date(2017, 9, 1), MONTH),
        "summary_fr": "Protocole d'entente signé pendant la mission ministérielle en santé de septembre 2017 en Chine, pour officialiser un partenariat important entre le Québec et la Chine.",
        "summary_en": "Memorandum of understanding signed during the ministerial health mission to China in September 2017, to formalize an important partnership between Québec and China.",
        "events": [("signed", datetime.date(2017, 9, 1), MONTH)],
    },
    # Drafts: what the 2017 mission recommended, in preparation.
    {
        "slug": "actualisation-entente-shandong",
        "slug_en": "update-of-the-2008-agreement-with-shandong-province",
        "draft": True,
        "title_fr": "Actualisation de l'entente de 2008 avec la province du Shandong",
        "title_en": "Update of the 2008 agreement with Shandong Province",
        "parties": ["CN-SD"],
        "sectors": ["health"],
        "status": "negotiation",
        "signed": (None, UNKNOWN),
        "summary_fr": "Démarches entreprises à la suite de la recommandation de la mission ministérielle en santé de 2017.",
        "summary_en": "",
        "events": [],
    },
    {
        "slug": "actualisation-entente-shanghai",
        "slug_en": "actualisation-de-l-entente-de-2011-avec-la-municipalite-de-shanghai",
        "draft": True,
        "title_fr": "Actualisation de l'entente de 2011 avec la municipalité de Shanghai",
        "title_en": "",
        "parties": ["CN-SH"],
        "sectors": ["health"],
        "status": "negotiation",
        "signed": (None, UNKNOWN),
        "summary_fr": "Démarches entreprises à la suite de la recommandation de la mission ministérielle en santé de 2017.",
        "summary_en": "",
        "events": [],
    },
]
