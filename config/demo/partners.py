"""Demo partners: the sectors, partners, offices and trade of the ministry's public documents
(../shared/seeds/) as records, in both languages.

Only facts the documents give. French and English are written to say the same thing. The
agreements are in .agreements, the mission in .missions.
"""

# The documents' typography is kept as written: the en dash in the name of the Québec-New York
# summits (U+2013).
# ruff: noqa: RUF001

# Sectors: the fields of cooperation and the thrusts of Québec's International Policy.
SECTORS = [
    {
        "slug": "science-technology",
        "slug_fr": "science-et-technologie",
        "name_fr": "Science et technologie",
        "name_en": "Science and technology",
        "description_fr": "Recherche, innovation et développement des connaissances : accès aux grands réseaux stratégiques et aux sources de financement internationales, mobilité des chercheurs.",
        "description_en": "Research, innovation and knowledge development: access to major international strategic networks and sources of financing, mobility of researchers.",
    },
    {
        "slug": "education",
        "slug_fr": "education-et-enseignement-superieur",
        "name_fr": "Éducation et enseignement supérieur",
        "name_en": "Education and higher education",
        "description_fr": "Nouvelle stratégie internationale de promotion de l'offre éducative québécoise; mobilité étudiante, exemptions de droits de scolarité, bourses et promotion des études québécoises.",
        "description_en": "A new international strategy to promote educational opportunities in Québec; student mobility, tuition fee exemptions, scholarships and the promotion of Québec studies.",
    },
    {
        "slug": "culture",
        "slug_fr": "culture",
        "name_fr": "Culture",
        "name_en": "Culture",
        "description_fr": "Appui aux organismes artistiques, aux entreprises culturelles, aux artistes et aux écrivains pour le développement de marchés internationaux; mise en œuvre de la Convention de l'UNESCO sur la diversité des expressions culturelles.",
        "description_en": "Support for arts organizations, cultural enterprises, artists and writers developing international markets; implementation of the UNESCO Convention on the Diversity of Cultural Expressions.",
    },
    {
        "slug": "environment-climate",
        "slug_fr": "environnement-et-changements-climatiques",
        "name_fr": "Environnement et changements climatiques",
        "name_en": "Environment and climate change",
        "description_fr": "Lutte contre les changements climatiques, transition énergétique et environnement : partenariats pour réduire les émissions de GES, tarification du carbone, gestion durable de l'eau et de la biodiversité.",
        "description_en": "The fight against climate change, energy transition and the environment: partnerships to reduce GHG emissions, carbon pricing, sustainable water and biodiversity management.",
    },
    {
        "slug": "health",
        "slug_fr": "sante",
        "name_fr": "Santé",
        "name_en": "Health",
        "description_fr": "Coopération en santé et en services sociaux, sciences de la vie et technologies médicales.",
        "description_en": "Cooperation in health and social services, life sciences and medical technologies.",
    },
    {
        "slug": "trade",
        "slug_fr": "commerce-et-economie",
        "name_fr": "Commerce et économie",
        "name_en": "Trade and economy",
        "description_fr": "Politique commerciale, internationalisation des entreprises québécoises, investissement étranger et prospérité responsable.",
        "description_en": "Trade policy, internationalization of Québec companies, foreign investment and responsible prosperity.",
    },
    {
        "slug": "security",
        "slug_fr": "securite",
        "name_fr": "Sécurité",
        "name_en": "Security",
        "description_fr": "Prévention des risques à la sécurité, gestion des urgences, lutte contre le crime organisé transnational, la radicalisation menant à la violence et la cybercriminalité.",
        "description_en": "Preventing security risks, emergency management, the fight against transnational organized crime, radicalization leading to violence and cybercrime.",
    },
    {
        "slug": "french-language",
        "slug_fr": "langue-francaise-et-francophonie",
        "name_fr": "Langue française et Francophonie",
        "name_en": "French language and La Francophonie",
        "description_fr": "Promotion et développement de la Francophonie dans les Amériques et dans le monde, usage du français dans les institutions internationales.",
        "description_en": "Promoting and developing La Francophonie in the Americas and around the world, and the use of French in international institutions.",
    },
    {
        "slug": "mobility-youth",
        "slug_fr": "mobilite-et-jeunesse",
        "name_fr": "Mobilité et jeunesse",
        "name_en": "Mobility and youth",
        "description_fr": "Mobilité des personnes : immigration permanente et temporaire, reconnaissance des compétences, mobilité des jeunes et des étudiants.",
        "description_en": "Mobility of people: permanent and temporary immigration, recognition of skills, youth and student mobility.",
    },
    {
        "slug": "northern-arctic",
        "slug_fr": "affaires-nordiques-et-arctiques",
        "name_fr": "Affaires nordiques et arctiques",
        "name_en": "Northern and Arctic affairs",
        "description_fr": "Liens avec les acteurs des régions nordiques et arctiques, expertise québécoise en développement nordique durable.",
        "description_en": "Ties with actors of the northern and Arctic regions, Québec's expertise in sustainable northern development.",
    },
    {
        "slug": "international-solidarity",
        "slug_fr": "solidarite-internationale",
        "name_fr": "Solidarité internationale",
        "name_en": "International solidarity",
        "description_fr": "Initiatives de solidarité conformes aux objectifs de développement durable, en Afrique francophone, en Amérique latine et dans les Antilles; aide humanitaire d'urgence.",
        "description_en": "Solidarity initiatives consistent with the Sustainable Development Goals in francophone Africa, Latin America and the Caribbean; emergency humanitarian assistance.",
    },
    {
        "slug": "human-rights",
        "slug_fr": "droits-de-la-personne",
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
            "Los Angeles, New York et Washington, D.C.), le Québec fait valoir et défend ses intérêts "
            "sur une base de réciprocité."
        ),
        "overview_en": (
            "Québec has long-standing relations with a number of U.S. states. Initially centred on "
            "cross-border issues, these ties now serve, particularly with New York State, Vermont "
            "and California, as a platform for joint efforts on issues such as closer North "
            "American economic integration, cross-border crime and environmental protection.\n"
            "Through six government offices in the United States (Atlanta, Boston, Chicago, "
            "Los Angeles, New York and Washington, D.C.), Québec promotes and defends its interests on "
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
    # Seed 003 names Catalonia among the European regions, as it names the others.
    {
        "iso": "ES-CT",
        "kind": "region",
        "parent": "ES",
        "name_fr": "Catalogne",
        "name_en": "Catalonia",
        "europe": "La Catalogne",
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
        "Washington, D.C.",
        "Washington, D.C.",
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

# Trade with China (seed 000). 2016: exports $3 billion, imports $10.8 billion, as reported. The
# five main products each way are given as shares of the total: their values are derived (value
# = share x total). 2015 totals are not in the seed as such: they follow from its growth rates
# (exports +12.1%, imports +0.9%), rounded to the million, so they are derived too; they give
# back 12.1%, 0.9%, $13.8 billion in 2016 and +3.1% overall. Québec's totals with all partners
# (the world row, "001") follow from China's shares of them (3.8% of exports, 12.5% of imports),
# rounded to the million: derived.
REPORTED, DERIVED = "reported", "derived"
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
    ("CN", 2015, "export", None, 2_676_000_000, DERIVED),
    ("CN", 2015, "import", None, 10_704_000_000, DERIVED),
    ("CN", 2016, "export", None, 3_000_000_000, REPORTED),
    ("CN", 2016, "import", None, 10_800_000_000, REPORTED),
    ("CN", 2016, "export", "8802", 429_000_000, DERIVED),  # 14.3 %
    ("CN", 2016, "export", "2601", 285_000_000, DERIVED),  # 9.5 %
    ("CN", 2016, "export", "0203", 246_000_000, DERIVED),  # 8.2 %
    ("CN", 2016, "export", "8703", 237_000_000, DERIVED),  # 7.9 %
    ("CN", 2016, "export", "4705", 156_000_000, DERIVED),  # 5.2 %
    ("CN", 2016, "import", "8471", 864_000_000, DERIVED),  # 8.0 %
    ("CN", 2016, "import", "8517", 378_000_000, DERIVED),  # 3.5 %
    ("CN", 2016, "import", "4202", 291_600_000, DERIVED),  # 2.7 %
    ("CN", 2016, "import", "9503", 270_000_000, DERIVED),  # 2.5 %
    ("CN", 2016, "import", "9405", 248_400_000, DERIVED),  # 2.3 %
    # Québec with all partners (seed 000: China is 3.8% of Québec's exports, 12.5% of imports).
    ("001", 2016, "export", None, 78_947_000_000, DERIVED),
    ("001", 2016, "import", None, 86_400_000_000, DERIVED),
    # South Korea: only the two-way total is given (seed 002).
    ("KR", 2016, "total", None, 2_100_000_000, REPORTED),
]
