"""The demo content: the ministry's public documents (../shared/seeds/) as records, in both languages.

Only facts the documents give. Where they give a year, the date is a year; where they give no
date, the date is unknown. French and English are written to say the same thing.
"""

# The documents' typography is kept as written: the French report's curly apostrophe and the
# en dash in the name of the Québec-New York summits (U+2019, U+2013).
# ruff: noqa: RUF001

import datetime

# Sectors: the fields of cooperation and the thrusts of Québec's International Policy.
SECTORS = [
    {
        "slug": "science-technology",
        "name_fr": "Science et technologie",
        "name_en": "Science and technology",
        "description_fr": "Recherche, innovation et développement des connaissances : accès aux grands réseaux stratégiques et aux sources de financement internationales, mobilité des chercheurs.",
        "description_en": "Research, innovation and knowledge development: access to major international strategic networks and sources of financing, mobility of researchers.",
    },
    {
        "slug": "education",
        "name_fr": "Éducation et enseignement supérieur",
        "name_en": "Education and higher education",
        "description_fr": "Nouvelle stratégie internationale de promotion de l'offre éducative québécoise; mobilité étudiante, exemptions de droits de scolarité, bourses et promotion des études québécoises.",
        "description_en": "A new international strategy to promote educational opportunities in Québec; student mobility, tuition fee exemptions, scholarships and the promotion of Québec studies.",
    },
    {
        "slug": "culture",
        "name_fr": "Culture",
        "name_en": "Culture",
        "description_fr": "Appui aux organismes artistiques, aux entreprises culturelles, aux artistes et aux écrivains pour le développement de marchés internationaux; mise en œuvre de la Convention de l'UNESCO sur la diversité des expressions culturelles.",
        "description_en": "Support for arts organizations, cultural enterprises, artists and writers developing international markets; implementation of the UNESCO Convention on the Diversity of Cultural Expressions.",
    },
    {
        "slug": "environment-climate",
        "name_fr": "Environnement et changements climatiques",
        "name_en": "Environment and climate change",
        "description_fr": "Lutte contre les changements climatiques, transition énergétique et environnement : partenariats pour réduire les émissions de GES, tarification du carbone, gestion durable de l'eau et de la biodiversité.",
        "description_en": "The fight against climate change, energy transition and the environment: partnerships to reduce GHG emissions, carbon pricing, sustainable water and biodiversity management.",
    },
    {
        "slug": "health",
        "name_fr": "Santé",
        "name_en": "Health",
        "description_fr": "Coopération en santé et en services sociaux, sciences de la vie et technologies médicales.",
        "description_en": "Cooperation in health and social services, life sciences and medical technologies.",
    },
    {
        "slug": "trade",
        "name_fr": "Commerce et économie",
        "name_en": "Trade and economy",
        "description_fr": "Politique commerciale, internationalisation des entreprises québécoises, investissement étranger et prospérité responsable.",
        "description_en": "Trade policy, internationalization of Québec companies, foreign investment and responsible prosperity.",
    },
    {
        "slug": "security",
        "name_fr": "Sécurité",
        "name_en": "Security",
        "description_fr": "Prévention des risques à la sécurité, gestion des urgences, lutte contre le crime organisé transnational, la radicalisation menant à la violence et la cybercriminalité.",
        "description_en": "Preventing security risks, emergency management, the fight against transnational organized crime, radicalization leading to violence and cybercrime.",
    },
    {
        "slug": "french-language",
        "name_fr": "Langue française et Francophonie",
        "name_en": "French language and La Francophonie",
        "description_fr": "Promotion et développement de la Francophonie dans les Amériques et dans le monde, usage du français dans les institutions internationales.",
        "description_en": "Promoting and developing La Francophonie in the Americas and around the world, and the use of French in international institutions.",
    },
    {
        "slug": "mobility-youth",
        "name_fr": "Mobilité et jeunesse",
        "name_en": "Mobility and youth",
        "description_fr": "Mobilité des personnes : immigration permanente et temporaire, reconnaissance des compétences, mobilité des jeunes et des étudiants.",
        "description_en": "Mobility of people: permanent and temporary immigration, recognition of skills, youth and student mobility.",
    },
    {
        "slug": "northern-arctic",
        "name_fr": "Affaires nordiques et arctiques",
        "name_en": "Northern and Arctic affairs",
        "description_fr": "Liens avec les acteurs des régions nordiques et arctiques, expertise québécoise en développement nordique durable.",
        "description_en": "Ties with actors of the northern and Arctic regions, Québec's expertise in sustainable northern development.",
    },
    {
        "slug": "international-solidarity",
        "name_fr": "Solidarité internationale",
        "name_en": "International solidarity",
        "description_fr": "Initiatives de solidarité conformes aux objectifs de développement durable, en Afrique francophone, en Amérique latine et dans les Antilles; aide humanitaire d'urgence.",
        "description_en": "Solidarity initiatives consistent with the Sustainable Development Goals in francophone Africa, Latin America and the Caribbean; emergency humanitarian assistance.",
    },
    {
        "slug": "human-rights",
        "name_fr": "Droits de la personne",
        "name_en": "Human rights",
        "description_fr": "Droits et libertés de la personne, démocratie et primauté du droit; réinstallation et intégration des réfugiés.",
        "description_en": "Human rights and freedoms, democracy and the rule of law; resettlement and integration of refugees.",
    },
]

# Countries with a public profile (their rows come from the ISO reference list).
COUNTRY_PROFILES = {
    "CN": {
        "sectors": ["science-technology", "education", "culture", "trade", "health"],
        "overview_fr": (
            "Deuxième puissance économique mondiale, la Chine est le premier partenaire commercial "
            "du Québec en Asie et le deuxième dans le monde. Les efforts du Québec pour établir des "
            "relations de collaboration avec la Chine s'inscrivent essentiellement dans les "
            "priorités 1 et 3 de la Politique internationale du Québec.\n"
            "En 2016, les échanges commerciaux entre le Québec et la Chine ont atteint près de "
            "13,8 milliards de dollars, une hausse de 3,1 % par rapport à 2015.\n"
            "Les échanges en éducation et en enseignement supérieur sont une pierre angulaire des "
            "relations Québec-Chine depuis le début des années 1970. La recherche et la science et "
            "la technologie forment une relation en plein essor, et les entreprises et organismes "
            "culturels québécois se distinguent en Chine, notamment dans les arts de la scène."
        ),
        "overview_en": (
            "The world's second largest economic power, China is Québec's largest trading partner "
            "in Asia and second in the world. Québec's efforts to establish collaborative relations "
            "with China are essentially set out in priorities 1 and 3 of Québec's International "
            "Policy.\n"
            "In 2016, trade between Québec and China stood at almost $13.8 billion, a 3.1% increase "
            "over 2015.\n"
            "Exchanges in education and higher education have been a cornerstone of Québec-China "
            "relations since the early 1970s. Research and science and technology form a "
            "burgeoning relationship, and Québec cultural enterprises and organizations make "
            "outstanding contributions in China, especially in the performing arts."
        ),
    },
    "KR": {
        "sectors": ["trade", "science-technology", "culture", "french-language"],
        "overview_fr": (
            "La Corée du Sud (11e économie mondiale) était le 11e partenaire commercial du Québec "
            "en 2016, avec des échanges de biens totalisant 2,1 milliards de dollars. L'Accord de "
            "libre-échange Canada-Corée du Sud, en vigueur depuis le 1er janvier 2015, est le "
            "premier du genre entre le Canada et un pays d'Asie.\n"
            "Chef de file mondial de l'innovation, la Corée du Sud consacrait 4,2 % de son PIB à la "
            "recherche et au développement en 2015. Le Bureau du Québec à Séoul appuie les "
            "organismes artistiques, les entreprises culturelles et les artistes du Québec sur ce "
            "marché d'intérêt pour les arts de la scène.\n"
            "Au Sommet de la Francophonie d'Antananarivo, en novembre 2016, le gouvernement du "
            "Québec s'est joint au consensus permettant à la Corée du Sud d'accéder au statut "
            "d'observateur à l'Organisation internationale de la Francophonie."
        ),
        "overview_en": (
            "South Korea (11th largest economy in the world) was Québec's 11th largest trading "
            "partner in 2016, with trade in goods totalling $2.1 billion. The Canada-South Korea "
            "Free Trade Agreement, which took effect on January 1, 2015, is the first of its kind "
            "between Canada and an Asian country.\n"
            "A world leader in innovation, South Korea devoted 4.2% of its GDP to research and "
            "development in 2015. The Québec Government Office in Seoul supports Québec arts "
            "organizations, cultural enterprises and artists in this market of interest for the "
            "performing arts.\n"
            "At the Francophonie Summit in Antananarivo in November 2016, the Government of Québec "
            "joined the consensus allowing South Korea to accede to Observer status in the "
            "Organisation internationale de la Francophonie."
        ),
    },
    "US": {
        "sectors": ["trade", "environment-climate", "security"],
        "overview_fr": (
            "Le Québec entretient des relations de longue date avec plusieurs États américains. "
            "D'abord centrés sur des enjeux transfrontaliers, ces liens servent aujourd'hui, "
            "particulièrement avec l'État de New York, le Vermont et la Californie, de plateforme "
            "pour résoudre ensemble des questions comme l'intégration économique nord-américaine, "
            "la criminalité transfrontalière et la protection de l'environnement.\n"
            "Grâce à six bureaux gouvernementaux aux États-Unis (Atlanta, Boston, Chicago, "
            "Los Angeles, New York et Washington), le Québec fait valoir et défend ses intérêts "
            "sur une base de réciprocité."
        ),
        "overview_en": (
            "Québec has long-standing relations with a number of U.S. states. Initially centred on "
            "cross-border issues, these ties now serve, particularly with New York State, Vermont "
            "and California, as a platform for joint efforts on issues such as closer North "
            "American economic integration, cross-border crime and environmental protection.\n"
            "Through six government offices in the United States (Atlanta, Boston, Chicago, "
            "Los Angeles, New York and Washington), Québec promotes and defends its interests on "
            "a reciprocal basis."
        ),
    },
}

# A European region's profile: "{subject}" is its name as a French sentence starts with it.
_EUROPE_FR = (
    "{subject} fait partie des régions européennes avec lesquelles le Québec entretient des "
    "relations constructives. Ces relations lui ouvrent les réseaux de décideurs politiques, "
    "économiques, culturels et sociaux aux échelons régional, national et européen, facilitent "
    "les alliances sur des enjeux importants pour le Québec et créent des occasions d'affaires "
    "pour les entreprises québécoises."
)
_EUROPE_EN = (
    "{name} is one of the European regions with which Québec maintains constructive relations. "
    "These relations open the networks of political, economic, cultural and social "
    "decision-makers at the regional, national and European levels, help forge alliances on "
    "issues of importance to Québec and create business opportunities for Québec companies."
)
# The U.S. states: what seed 003 says of Québec's relations with them, and of each one.
_US_LONG_STANDING_FR = (
    "{subject} fait partie des États américains avec lesquels le Québec entretient des relations "
    "de longue date, d'abord centrées sur des enjeux transfrontaliers."
)
_US_LONG_STANDING_EN = (
    "{name} is one of the U.S. states with which Québec has long-standing relations, initially "
    "centred on cross-border issues."
)
_US_PLATFORM_FR = (
    "Avec {others}, {subject_lower} est l'un des partenaires américains avec lesquels les "
    "relations du Québec servent aujourd'hui de plateforme pour résoudre ensemble des questions "
    "comme l'intégration économique nord-américaine, la criminalité transfrontalière et la "
    "protection de l'environnement."
)
_US_PLATFORM_EN = (
    "With {others}, {name} is one of the American partners with which Québec's relations now "
    "serve as a platform for joint efforts on issues such as closer North American economic "
    "integration, cross-border crime and environmental protection."
)
_US_LAW_ENFORCEMENT_FR = (
    "Le Québec a signé avec {subject_lower}, en {year}, une entente de coopération bilatérale "
    "portant sur l'échange d'information à des fins d'application de la loi."
)
_US_LAW_ENFORCEMENT_EN = (
    "Québec signed a bilateral cooperation agreement with {name} in {year}, covering the sharing "
    "of information for law-enforcement purposes."
)
_LAKE_CHAMPLAIN_FR = (
    "L'entente de coopération environnementale sur la gestion du lac Champlain a été signée avec "
    "l'État de New York et le Vermont en 2003."
)
_LAKE_CHAMPLAIN_EN = (
    "The agreement on environmental cooperation regarding the management of Lake Champlain was "
    "signed with New York State and Vermont in 2003."
)


def _us_state(subject_fr: str, name_en: str, *, others=None, law_enforcement=None, extra=()):
    """A U.S. state's overview in both languages, from the sentences above."""
    lower = subject_fr[0].lower() + subject_fr[1:]
    french = [_US_LONG_STANDING_FR.format(subject=subject_fr)]
    english = [_US_LONG_STANDING_EN.format(name=name_en)]
    if others:
        french.append(_US_PLATFORM_FR.format(others=others[0], subject_lower=lower))
        english.append(_US_PLATFORM_EN.format(others=others[1], name=name_en))
    for fr, en in extra:
        french.append(fr)
        english.append(en)
    if law_enforcement:
        french.append(_US_LAW_ENFORCEMENT_FR.format(subject_lower=lower, year=law_enforcement))
        english.append(_US_LAW_ENFORCEMENT_EN.format(name=name_en, year=law_enforcement))
    return {"overview_fr": " ".join(french), "overview_en": " ".join(english)}


_MEXICO_FR = (
    "Le Québec a signé une entente de coopération multisectorielle avec l'État de {name} en "
    "{year}. Plusieurs activités de collaboration ont été lancées en éducation, en culture, en "
    "économie, en environnement, en jeunesse et en tourisme."
)
_MEXICO_EN = (
    "Québec signed a multisectoral cooperation agreement with the State of {name} in {year}. "
    "Several collaborative activities have been launched in the fields of education, culture, "
    "the economy, the environment, youth and tourism."
)

# Federated states, provinces, regions and cities: (iso, kind, parent iso, fr, en, profile).
SUBNATIONAL = [
    {
        "iso": "CN-SH",
        "kind": "municipality",
        "parent": "CN",
        "name_fr": "Shanghai",
        "name_en": "Shanghai",
        "sectors": ["science-technology", "culture", "health"],
        "overview_fr": (
            "Le Québec entretient des relations étroites avec la municipalité autonome de "
            "Shanghai, à laquelle il est lié par une entente de coopération signée en 2011 et par "
            "une entente de coopération en science et technologie."
        ),
        "overview_en": (
            "Québec has close relations with the autonomous municipality of Shanghai, to which it "
            "is bound by a cooperation agreement signed in 2011 and by a science and technology "
            "cooperation agreement."
        ),
    },
    {
        "iso": "CN-SD",
        "kind": "federated",
        "parent": "CN",
        "name_fr": "Shandong",
        "name_en": "Shandong",
        "sectors": ["science-technology", "health", "education"],
        "overview_fr": (
            "L'entente de 2008 visant à développer des liens d'amitié et d'échanges entre le "
            "Québec et la province du Shandong est un exemple des relations bilatérales du Québec "
            "avec les États fédérés et les régions d'Asie. Une entente de coopération en science et "
            "technologie a aussi été signée avec le Shandong."
        ),
        "overview_en": (
            "The 2008 agreement to develop ties of friendship and exchanges between Québec and "
            "Shandong Province is one example of Québec's bilateral relations with federated "
            "states and regions in Asia. A science and technology cooperation agreement has also "
            "been signed with Shandong."
        ),
    },
    {
        "iso": "US-NY",
        "kind": "federated",
        "parent": "US",
        "name_fr": "État de New York",
        "name_en": "New York State",
        "sectors": ["environment-climate", "trade"],
        **_us_state(
            "L'État de New York",
            "New York State",
            others=("le Vermont et la Californie", "Vermont and California"),
            extra=[
                (_LAKE_CHAMPLAIN_FR, _LAKE_CHAMPLAIN_EN),
                (
                    "Des sommets Québec–New York, destinés d'abord aux gens d'affaires, ont eu lieu "
                    "en 2002, 2004, 2005 et 2008.",
                    "Québec–New York summits aimed primarily at businesspeople were held in 2002, "
                    "2004, 2005 and 2008.",
                ),
            ],
        ),
    },
    {
        "iso": "US-VT",
        "kind": "federated",
        "parent": "US",
        "name_fr": "Vermont",
        "name_en": "Vermont",
        "sectors": ["environment-climate", "security"],
        **_us_state(
            "Le Vermont",
            "Vermont",
            others=("l'État de New York et la Californie", "New York State and California"),
            extra=[(_LAKE_CHAMPLAIN_FR, _LAKE_CHAMPLAIN_EN)],
            law_enforcement=2004,
        ),
    },
    {
        "iso": "US-CA",
        "kind": "federated",
        "parent": "US",
        "name_fr": "Californie",
        "name_en": "California",
        "sectors": ["environment-climate"],
        **_us_state(
            "La Californie",
            "California",
            others=("l'État de New York et le Vermont", "New York State and Vermont"),
        ),
    },
    {
        "iso": "US-ME",
        "kind": "federated",
        "parent": "US",
        "name_fr": "Maine",
        "name_en": "Maine",
        "sectors": ["security"],
        **_us_state("Le Maine", "Maine", law_enforcement=2004),
    },
    {
        "iso": "US-MA",
        "kind": "federated",
        "parent": "US",
        "name_fr": "Massachusetts",
        "name_en": "Massachusetts",
        "sectors": ["security"],
        **_us_state("Le Massachusetts", "Massachusetts", law_enforcement=2007),
    },
    {
        "iso": "US-NH",
        "kind": "federated",
        "parent": "US",
        "name_fr": "New Hampshire",
        "name_en": "New Hampshire",
        "sectors": ["security"],
        **_us_state("Le New Hampshire", "New Hampshire", law_enforcement=2004),
    },
    {
        "iso": "BE-WAL",
        "kind": "region",
        "parent": "BE",
        "name_fr": "Wallonie",
        "name_en": "Wallonia",
        "europe": "La Wallonie",
    },
    {
        "iso": "BE-VLG",
        "kind": "region",
        "parent": "BE",
        "name_fr": "Flandre",
        "name_en": "Flanders",
        "europe": "La Flandre",
    },
    {
        "iso": "DE-BY",
        "kind": "federated",
        "parent": "DE",
        "name_fr": "Bavière",
        "name_en": "Bavaria",
        "europe": "La Bavière",
    },
    # A profile not yet written: a draft, so that the difference shows.
    {
        "iso": "ES-CT",
        "kind": "region",
        "parent": "ES",
        "name_fr": "Catalogne",
        "name_en": "Catalonia",
        "draft": True,
    },
    {
        "iso": "IT-25",
        "kind": "region",
        "parent": "IT",
        "name_fr": "Lombardie",
        "name_en": "Lombardy",
        "europe": "La Lombardie",
    },
    {
        "iso": "BR-SP",
        "kind": "federated",
        "parent": "BR",
        "name_fr": "État de São Paulo",
        "name_en": "State of São Paulo",
        "sectors": ["trade"],
        "overview_fr": (
            "Au Brésil, le Québec développe des relations privilégiées avec l'État de São Paulo, "
            "où un bureau du Québec a ouvert ses portes en 2008."
        ),
        "overview_en": (
            "In Brazil, Québec is developing special relations with the State of São Paulo, where "
            "a Québec government office was opened in 2008."
        ),
    },
    {
        "iso": "MX-JAL",
        "kind": "federated",
        "parent": "MX",
        "name_fr": "Jalisco",
        "name_en": "Jalisco",
        "mexico": 2006,
    },
    {
        "iso": "MX-GUA",
        "kind": "federated",
        "parent": "MX",
        "name_fr": "Guanajuato",
        "name_en": "Guanajuato",
        "mexico": 2006,
    },
    {
        "iso": "MX-NLE",
        "kind": "federated",
        "parent": "MX",
        "name_fr": "Nuevo León",
        "name_en": "Nuevo León",
        "mexico": 2009,
    },
]

MEXICO_SECTORS = ["education", "culture", "trade", "environment-climate", "mobility-youth"]
EUROPE_SECTORS = ["trade", "culture"]

OFFICES = [
    # (partner iso, city fr, city en, name fr, name en, opened year)
    ("KR", "Séoul", "Seoul", "Bureau du Québec à Séoul", "Québec Government Office in Seoul", None),
    (
        "US",
        "Atlanta",
        "Atlanta",
        "Bureau du Québec à Atlanta",
        "Québec Government Office in Atlanta",
        None,
    ),
    (
        "US",
        "Boston",
        "Boston",
        "Bureau du Québec à Boston",
        "Québec Government Office in Boston",
        None,
    ),
    (
        "US",
        "Chicago",
        "Chicago",
        "Bureau du Québec à Chicago",
        "Québec Government Office in Chicago",
        None,
    ),
    (
        "US",
        "Los Angeles",
        "Los Angeles",
        "Bureau du Québec à Los Angeles",
        "Québec Government Office in Los Angeles",
        None,
    ),
    (
        "US",
        "New York",
        "New York",
        "Bureau du Québec à New York",
        "Québec Government Office in New York",
        None,
    ),
    (
        "US",
        "Washington",
        "Washington",
        "Bureau du Québec à Washington",
        "Québec Government Office in Washington",
        None,
    ),
    (
        "BR-SP",
        "São Paulo",
        "São Paulo",
        "Bureau du Québec à São Paulo",
        "Québec Government Office in São Paulo",
        2008,
    ),
]

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
    {
        "slug": "entente-science-technologie-shanghai",
        "title_fr": "Entente de coopération en science et technologie avec la Ville de Shanghai",
        "title_en": "Science and technology cooperation agreement with the City of Shanghai",
        "parties": ["CN-SH"],
        "sectors": ["science-technology"],
        "status": "signed",
        "signed": (None, UNKNOWN),
        "summary_fr": "Entente de coopération en science et technologie signée avec la Ville de Shanghai.",
        "summary_en": "Science and technology cooperation agreement signed with the City of Shanghai.",
        "events": [("signed", None, UNKNOWN)],
    },
    {
        "slug": "entente-science-technologie-shandong",
        "title_fr": "Entente de coopération en science et technologie avec la province du Shandong",
        "title_en": "Science and technology cooperation agreement with Shandong Province",
        "parties": ["CN-SD"],
        "sectors": ["science-technology"],
        "status": "signed",
        "signed": (None, UNKNOWN),
        "summary_fr": "Entente de coopération en science et technologie signée avec la province du Shandong.",
        "summary_en": "Science and technology cooperation agreement signed with Shandong Province.",
        "events": [("signed", None, UNKNOWN)],
    },
    {
        "slug": "entente-lac-champlain-2003",
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

MISSION = {
    "slug": "mission-sante-chine-2017",
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
            "Take steps with the Ministère des Relations internationales et de la Francophonie to update the agreements signed with the Municipality of Shanghai (2011) and Shandong Province (2008).",
        ),
    ],
}

# Trade with China (seed 000). 2016: exports $3 billion, imports $10.8 billion, the five main
# products each way with their share of the total (value = share x total). 2015 totals are not
# in the seed as such: they follow from its growth rates (exports +12.1%, imports +0.9%), rounded
# to the million; they give back 12.1%, 0.9%, $13.8 billion in 2016 and +3.1% overall.
PRODUCTS = {
    # HS heading: (French label, English label)
    "8802": (
        "Avions, hélicoptères et autres véhicules aériens",
        "Airplanes, helicopters and other aerial vehicles",
    ),
    "2601": ("Minerais de fer et leurs concentrés", "Iron ore and concentrates"),
    "0203": (
        "Viandes de porc fraîches, réfrigérées ou congelées",
        "Fresh, refrigerated and frozen pork",
    ),
    "8703": (
        "Voitures de tourisme et autres véhicules",
        "Passenger cars and other types of vehicles",
    ),
    "4705": ("Pâte de bois mi-chimique", "Semi-chemical wood pulp"),
    "8471": ("Ordinateurs et leurs parties", "Computers and related parts"),
    "8517": ("Téléphones et leurs parties", "Telephones and related parts"),
    "4202": (
        "Malles et valises en cuir, en plastique et en textile",
        "Leather, plastic and textile trunks and suitcases",
    ),
    "9503": ("Jouets, modèles réduits et casse-tête", "Toys, models and puzzles"),
    "9405": ("Appareils d'éclairage et leurs parties", "Lighting fittings and related parts"),
}
TRADE = [
    # (partner iso, year, flow, HS code or None for the total, value in CAD)
    ("CN", 2015, "export", None, 2_676_000_000),
    ("CN", 2015, "import", None, 10_704_000_000),
    ("CN", 2016, "export", None, 3_000_000_000),
    ("CN", 2016, "import", None, 10_800_000_000),
    ("CN", 2016, "export", "8802", 429_000_000),  # 14.3 %
    ("CN", 2016, "export", "2601", 285_000_000),  # 9.5 %
    ("CN", 2016, "export", "0203", 246_000_000),  # 8.2 %
    ("CN", 2016, "export", "8703", 237_000_000),  # 7.9 %
    ("CN", 2016, "export", "4705", 156_000_000),  # 5.2 %
    ("CN", 2016, "import", "8471", 864_000_000),  # 8.0 %
    ("CN", 2016, "import", "8517", 378_000_000),  # 3.5 %
    ("CN", 2016, "import", "4202", 291_600_000),  # 2.7 %
    ("CN", 2016, "import", "9503", 270_000_000),  # 2.5 %
    ("CN", 2016, "import", "9405", 248_400_000),  # 2.3 %
    # South Korea: only the two-way total is given (seed 002).
    ("KR", 2016, "total", None, 2_100_000_000),
]
