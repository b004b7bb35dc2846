"""Word lists the world model draws from: titles, organisers, streets, venues, wordings.

Invented but modelled on the public record (``shared/reference/ditp-site.md``).
"""

from __future__ import annotations

FORMATS = (
    "Conférence", "Webinaire", "Formation", "Atelier collaboratif", "Simplificathon",
    "Débat citoyen", "Module de formation", "Table ronde", "Démonstration", "Visite",
    "Exposition", "Portes ouvertes", "Meetup", "Quiz", "Hackathon", "Barcamp",
)

# Short bracket tags as organisers put them in titles ("[Table ronde, Démo, Retex]").
TITLE_TAGS = (
    "[Webinaire]", "[Atelier]", "[Table ronde, Démo, Retex]", "[Conférence]", "[Formation]",
    "[Retex]", "[Démo]", "[Hackathon]", "[Visite]", "[Webinaire, Retex]",
)

PARCOURS_2021 = (
    "L'innovation au service de l'expérience usager",
    "L'innovation au service de l'expérience agent",
    "L'innovation pour des services publics écoresponsables",
    "L'innovation au service de la relance et de l'impact de l'action publique",
)

TOPICS = (
    "le design des politiques publiques", "l'intelligence artificielle au service des agents",
    "simplifier les démarches des usagers", "la participation citoyenne à l'échelle locale",
    "le management de l'innovation", "la sobriété numérique dans l'administration",
    "les données ouvertes au service des territoires", "l'expérience usager en préfecture",
    "le langage clair dans les courriers administratifs", "les tiers-lieux et l'action publique",
    "l'évaluation des politiques publiques", "la coproduction avec les usagers",
    "le télétravail et les nouveaux modes de travail", "l'accueil des usagers en France services",
    "l'achat public innovant", "la transition écologique des services de l'État",
    "les communs numériques", "la qualité de service dans les CAF",
    "le pilotage par la donnée", "l'inclusion numérique", "les sciences comportementales",
    "l'intelligence collective en équipe", "la fabrique des politiques publiques",
    "le prototypage de services publics", "l'innovation managériale à l'hôpital",
    "la relation usager au guichet", "les startups d'État", "l'open source dans le secteur public",
    "la commande publique responsable", "la jeunesse et l'engagement citoyen",
    "les démarches en ligne accessibles", "la lutte contre le non-recours aux droits",
    "la facilitation graphique", "la mesure d'impact", "les laboratoires d'innovation territoriale",
    "l'innovation dans les collectivités rurales", "la cybersécurité des collectivités",
    "le recrutement et la marque employeur", "l'égalité entre les femmes et les hommes",
    "la santé mentale des agents", "les mobilités douces des agents", "la résilience des territoires",
    "la R&D publique", "les questions & réponses sur le RGPD",
)

OPENERS = (
    "Atelier : {T}", "Atelier {t}", "Conférence : {T}", "Webinaire : {T}", "Table ronde sur {t}",
    "{T} : retours d'expérience", "{T}", "Découvrir {t}", "Simplificathon : {T}",
    "Matinale de l'innovation : {T}", "Rencontre autour {de_t}", "Formation {a_t}",
    "Comment réussir {t} ?", "Hackathon : {T}", "Visite apprenante : {T}",
    "Les rendez-vous de l'innovation : {T}", "Café-débat : {T}", "Démonstration — {T}",
    "Parlons {de_t}", "Retour d'expérience sur {t}", "Initiation {a_t}", "Barcamp : {T}",
    "Meetup : {T}", "Quiz : connaissez-vous {t} ?", "Débat citoyen sur {t}", "Exposition : {T}",
    "Table ronde « {T} »",
)

# Focus phrases appended to many titles ("… dans les territoires ruraux").
FOCUS = (
    "pour les agents d'accueil", "dans les territoires ruraux", "avec les usagers", "en santé",
    "au service des jeunes", "dans les services déconcentrés", "à l'hôpital", "en préfecture",
    "dans les collectivités", "pour les managers", "en outre-mer", "dans l'éducation",
    "au quotidien", "à l'ère de l'IA", "en mode projet", "pour les nouveaux arrivants",
    "dans les quartiers prioritaires", "en 2 heures chrono", "pas à pas", "en région",
)

SUBTITLES = (
    "méthodes, outils et retours d'expérience des territoires",
    "comment les agents publics et les usagers coconstruisent les services de demain",
    "un temps d'échange ouvert à toutes les administrations de la région",
    "regards croisés entre l'État, les collectivités et les opérateurs",
)

# Titles that recur across editions and organisers: they make slug collisions (-0, -1).
RECURRING_TITLES = (
    "Café de l'innovation", "Atelier découverte du design de service", "Fresque de la fonction publique",
    "Ma Sécu Mon Appli : démonstration", "Conférence inaugurale", "Matinée des innovateurs",
    "Rencontre des labs", "Journée portes ouvertes", "Les rencontres de l'innovation publique", "Atelier design de service",
    "Portes ouvertes du laboratoire", "Petit-déjeuner de l'innovation", "Fresque du numérique",
    "Fresque du climat", "Webinaire de lancement", "Hackathon", "Barcamp de l'innovation publique",
    "Journée de l'innovation", "Les lundis de l'innovation",
)

NATIONAL_ORGANISERS = (
    "Etalab", "DITP", "Cerema", "Direction interministérielle du numérique (DINUM)",
    "Ministère de l'Intérieur", "Ministère des Armées", "France Travail", "Urssaf Caisse nationale",
    "Caisse nationale des allocations familiales", "Institut national du service public (INSP)",
    "Agence nationale de la cohésion des territoires", "La 27e Région", "beta.gouv.fr",
    "Direction générale des finances publiques", "Banque des Territoires", "Ademe",
    "Assurance Maladie", "Campus de la transformation publique", "Météo-France",
    "Centre national de la fonction publique territoriale (CNFPT)",
)

LOCAL_ORGANISERS = (
    "Conseil départemental de la Loire-Atlantique", "Métropole européenne de Lille",
    "Région Bretagne", "Conseil départemental du Gard", "Rennes Métropole",
    "Conseil départemental de la Gironde", "Eurométropole de Strasbourg",
    "Région Hauts-de-France", "Département de la Seine-Saint-Denis", "Grenoble-Alpes Métropole",
    "Conseil départemental du Nord", "Région Sud", "Nantes Métropole", "Toulouse Métropole",
    "Collectivité territoriale de Martinique", "Département de La Réunion",
)

STREET_TYPES = (
    # (long form, short forms)
    ("rue", ("rue",)), ("avenue", ("Av.", "av.", "avenue")), ("boulevard", ("bd", "Bd", "boulevard")),
    ("place", ("place", "pl.")), ("allée", ("allée",)), ("quai", ("quai",)), ("cours", ("cours",)),
    ("chemin", ("chemin",)), ("impasse", ("impasse",)),
)

STREET_NAMES = (
    "de la République", "Jean Jaurès", "Victor Hugo", "du Général de Gaulle", "Gambetta",
    "de la Mairie", "Pasteur", "Martenot", "de Ségur", "Vincent Gache", "des Lilas",
    "de la Gare", "du Maréchal Foch", "Émile Zola", "de la Liberté", "Jules Ferry",
    "de Verdun", "Carnot", "des Droits de l'Homme", "Aristide Briand", "de Strasbourg",
    "Louis Pasteur", "Simone Veil", "du Port", "des Écoles", "Saint-Martin", "Nationale",
)

VENUES = (
    "Hôtel de région", "Préfecture", "Médiathèque", "Maison de l'emploi", "Tiers-lieu La Fabrique",
    "Espace Beaulieu", "Hôtel de ville", "Maison des associations", "Centre des congrès",
    "Pôle numérique", "Cité administrative", "Maison France services", "Campus de l'innovation",
    "Archives départementales", "Salle polyvalente", "Espace Simone Veil", "Le Lieu du Design",
    "Centre de gestion", "Maison de la citoyenneté", "Hôtel du département",
)

ROOMS = (
    "salle Marianne", "salle du conseil", "salle 104", "amphithéâtre", "salle Jean Moulin",
    "salle des fêtes", "salle B12", "auditorium",
)

# Well-known Paris venues, with the address as the real site spells it three ways.
PARIS_VENUES = (
    ("Centre de conférences Pierre Mendès France", "139 rue de Bercy", "75012"),
    ("Ségur", "20 avenue de Ségur", "75007"),
    ("DITP", "77 Av. de Ségur", "75015"),
    ("DITP", "77 avenue de Ségur", "75015"),
    ("Station F", "5 parvis Alan Turing", "75013"),
    ("Institut national du service public", "1 rue Sainte-Marguerite", "75007"),
)

VENUE_ONLY = (
    "Salle du conseil municipal", "Amphithéâtre de la préfecture", "Dans les locaux du laboratoire",
    "Salle polyvalente de la mairie", "Tiers-lieu de la sous-préfecture",
)

ONLINE_PLACES = (
    "En ligne", "En ligne", "En ligne (Zoom)", "Webinaire en ligne", "Distanciel",
    "En visioconférence", "À distance – le lien de connexion est envoyé après inscription",
    "En ligne sur Teams",
)

ONLINE_URLS = (
    "https://webinaire.numerique.gouv.fr/meeting/signin/{n}/creator/{m}/hash/{h}",
    "https://zoom.us/j/{n}{m}",
    "https://meet.jit.si/mip-{h}",
)

MIXED_PREFIXES = ("Hybride : ", "En ligne et en présentiel, ", "Hybride - ", "Sur place et à distance : ")

AUDIENCES = (
    "Agents publics", "Managers", "Grand public", "Tout public", "Agents publics, managers",
    "Agents de l'État et des collectivités", "Élus et agents territoriaux", "Étudiants et chercheurs",
)

ACCESS = (
    "Entrée gratuite sur inscription", "Inscriptions obligatoires",
    "Accessible aux personnes à mobilité réduite", "Ouvert à tous, sans inscription",
    "Places limitées, inscription obligatoire", "Gratuit, sur inscription préalable",
)

REGISTRATION = (
    "https://www.eventbrite.fr/e/{slug}-{n}",
    "https://www.demarches-simplifiees.fr/commencer/{slug}",
    "https://framaforms.org/{slug}-{n}",
    "https://www.weezevent.com/{slug}",
    "https://www.helloasso.com/associations/mip/evenements/{slug}",
)

SENTENCES = (
    "Venez découvrir comment des équipes publiques ont transformé leurs pratiques.",
    "Cet atelier propose une mise en pratique immédiate des méthodes présentées.",
    "Les participants repartiront avec des outils concrets à utiliser dans leur service.",
    "La séance alterne apports théoriques, retours d'expérience et temps d'échange.",
    "Aucun prérequis n'est demandé : la curiosité suffit.",
    "Un temps convivial clôturera la rencontre.",
    "Cette rencontre s'inscrit dans la dynamique du réseau des laboratoires d'innovation.",
    "Les supports seront partagés après l'événement avec les inscrits.",
    "Des agents de terrain témoigneront de leur expérience.",
    "Le nombre de places est limité afin de favoriser les échanges.",
)

PROGRAMME_ITEMS = (
    "Accueil des participants", "Introduction et tour de table", "Présentation des enjeux",
    "Retours d'expérience", "Atelier en sous-groupes", "Restitution collective",
    "Questions et échanges", "Clôture et perspectives",
)

EXTERNAL_LINKS = (
    ("https://www.numerique.gouv.fr", "le site de la DINUM"),
    ("https://www.etalab.gouv.fr", "le blog d'Etalab"),
    ("https://beta.gouv.fr", "beta.gouv.fr"),
    ("https://www.data.gouv.fr", "data.gouv.fr"),
    ("https://www.cerema.fr", "le site du Cerema"),
)

NEWS = (
    ("Retour sur la journée de lancement", "/actualites/retour-sur-la-journee-de-lancement"),
    ("Les lauréats du Fonds pour la transformation de l'action publique",
     "/actualites/les-laureats-du-fonds-pour-la-transformation-de-laction-publique"),
    ("Le réseau des laboratoires d'innovation territoriale", "/actualites/le-reseau-des-laboratoires"),
)
