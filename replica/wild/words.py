"""What a French editor writes around an event's facts: label words, icons, emoji, and the
sentences that carry a fact in running text."""

from __future__ import annotations

# field -> the label words an editor may use (colon and case vary at render time)
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "when": ("Date", "Dates", "Date(s)", "Quand", "Quand ?", "Le", "Rendez-vous", "Date et heure",
             "Date et horaires", "Dates et horaires", "Jour", "Date de l'événement", "Calendrier",
             "Date de la rencontre", "Agenda", "Session"),
    "day": ("Date", "Jour", "Le", "Dates", "Quand"),
    "hours": ("Horaires", "Heure", "Heures", "Horaire", "Créneau", "De … à"),
    "place": ("Lieu", "Où", "Où ?", "Adresse", "Localisation", "Se rendre", "Lieu de l'événement",
              "Emplacement", "Adresse du lieu", "Lieu et adresse", "Ville", "Se rendre sur place"),
    "organiser": ("Organisateur", "Organisateurs", "Organisé par", "Porté par", "Proposé par",
                  "Contact", "Structure organisatrice", "Organisation", "Qui organise ?",
                  "À l'initiative de", "Porteur", "Co-organisé par"),
    "formats": ("Format", "Type", "Type d'événement", "Formats", "Catégorie", "Nature de l'événement"),
    "audience": ("Public", "Public cible", "Pour qui ?", "Cible", "À destination de", "Public visé",
                 "Destinataires", "Ouvert à"),
    "access": ("Accès", "Modalités", "Modalités d'accès", "Conditions", "Tarif", "Entrée",
               "Conditions de participation", "Participation"),
    "registration": ("Inscription", "S'inscrire", "Réservation", "Billetterie", "Lien d'inscription",
                     "Inscriptions"),
    "parcours": ("Parcours", "Parcours thématique"),
    "mode": ("Modalité", "Format de participation", "Mode de participation", "Modalité de participation"),
    "contact": ("Téléphone", "Tél.", "Renseignements", "Contact téléphonique"),
}

# field -> icon names, per icon family (the class, sprite or file name carries the meaning)
ICON_NAMES: dict[str, dict[str, str]] = {
    "dsfr": {"when": "fr-icon-calendar-line", "day": "fr-icon-calendar-line", "hours": "fr-icon-time-line",
             "place": "fr-icon-map-pin-2-line", "organiser": "fr-icon-government-line",
             "audience": "fr-icon-user-line", "access": "fr-icon-ticket-line", "formats": "fr-icon-price-tag-3-line",
             "registration": "fr-icon-edit-line", "mode": "fr-icon-computer-line", "contact": "fr-icon-phone-line",
             "parcours": "fr-icon-compass-3-line"},
    "fa": {"when": "fa fa-calendar", "day": "fa-regular fa-calendar-days", "hours": "fa fa-clock",
           "place": "fa-solid fa-location-dot", "organiser": "fa fa-landmark", "audience": "fa fa-users",
           "access": "fa fa-ticket", "formats": "fa fa-tag", "registration": "fa fa-pen",
           "mode": "fa fa-laptop", "contact": "fa fa-phone", "parcours": "fa fa-route"},
    "bi": {"when": "bi bi-calendar-event", "day": "bi bi-calendar3", "hours": "bi bi-clock",
           "place": "bi bi-geo-alt", "organiser": "bi bi-bank", "audience": "bi bi-people",
           "access": "bi bi-ticket-perforated", "formats": "bi bi-tag", "registration": "bi bi-pencil-square",
           "mode": "bi bi-laptop", "contact": "bi bi-telephone", "parcours": "bi bi-signpost"},
    "ri": {"when": "ri-calendar-line", "day": "ri-calendar-2-line", "hours": "ri-time-line",
           "place": "ri-map-pin-line", "organiser": "ri-building-line", "audience": "ri-group-line",
           "access": "ri-ticket-line", "formats": "ri-price-tag-line", "registration": "ri-edit-line",
           "mode": "ri-computer-line", "contact": "ri-phone-line", "parcours": "ri-compass-3-line"},
    # ligature icon fonts: the icon's name is its text
    "material": {"when": "event", "day": "calendar_today", "hours": "schedule", "place": "location_on",
                 "organiser": "account_balance", "audience": "groups", "access": "confirmation_number",
                 "formats": "label", "registration": "edit", "mode": "computer", "contact": "call",
                 "parcours": "route"},
    # an SVG sprite: <use href="…#name">
    "svg": {"when": "calendar", "day": "calendar", "hours": "clock", "place": "map-pin",
            "organiser": "building", "audience": "users", "access": "ticket", "formats": "tag",
            "registration": "edit", "mode": "video", "contact": "phone", "parcours": "compass"},
    # an image file
    "img": {"when": "picto-calendrier.svg", "day": "icon-calendar.png", "hours": "icon-clock.svg",
            "place": "picto-lieu.svg", "organiser": "icon-organisateur.svg", "audience": "picto-public.svg",
            "access": "icon-ticket.svg", "formats": "icon-tag.svg", "registration": "icon-inscription.svg",
            "mode": "icon-visio.svg", "contact": "icon-telephone.svg", "parcours": "icon-parcours.svg"},
}
ICON_FAMILIES = tuple(ICON_NAMES)

EMOJI: dict[str, tuple[str, ...]] = {
    "when": ("📅", "🗓️", "📆"), "day": ("📅", "🗓️"), "hours": ("🕒", "⏰", "🕘"),
    "place": ("📍", "📌", "🗺️"), "organiser": ("🏛️", "🏢"), "audience": ("👥", "🎯"),
    "access": ("🎟️", "♿"), "formats": ("🏷️", "🎤"), "registration": ("✍️", "👉"),
    "mode": ("💻", "🖥️"), "contact": ("📞", "☎️"), "parcours": ("🧭",),
}

# Sentences that carry a fact in the description ({} is the fact as written)
WHEN_SENTENCES = ("Rendez-vous {} pour cette rencontre.", "L'événement aura lieu {}.",
                  "Nous vous attendons {} pour échanger.", "Cette session se tiendra {}.",
                  "Rejoignez-nous {} !")
PLACE_SENTENCES = ("Il se tiendra à l'adresse suivante : {}.", "Nous vous accueillerons sur place : {}.",
                   "Adresse du rendez-vous : {}.", "La rencontre se déroulera au lieu suivant : {}.")
PLACE_SENTENCES_ONLINE = ("Il se tiendra à distance : {}.", "La rencontre se déroulera en ligne : {}.",
                          "Modalité de participation retenue pour cette session : {}.")
PLACE_SENTENCES_PREP = ("Il se tiendra {}.", "L'événement se déroulera {}.", "Cette rencontre aura lieu {}.")
ORGANISER_SENTENCES = ("Cet événement est organisé par {}.", "Une rencontre proposée par {}.",
                       "Cet atelier est porté par {}.", "Organisé par {}, cet événement est ouvert aux agents.")
# How a cancellation is said when the title does not say it
CANCEL_SENTENCES = ("Cet événement est annulé.", "Événement annulé", "Annulé",
                    "Attention : cette rencontre est annulée.", "Nous sommes au regret de vous informer que "
                    "cet événement est annulé.")
ATTENDANCE_WORDS = {"online": ("En ligne", "Distanciel", "100 % en ligne", "Webinaire en ligne"),
                    "offline": ("Présentiel", "Sur place", "En présentiel"),
                    "mixed": ("Hybride", "En ligne et en présentiel", "Présentiel et distanciel")}
ATTENDANCE_SENTENCES = {"online": ("Cet événement se déroule entièrement en ligne.",
                                   "La participation se fait à distance, en visioconférence."),
                        "offline": ("Cet événement se déroule en présentiel uniquement.",
                                    "La participation se fait sur place."),
                        "mixed": ("Cet événement est proposé en format hybride : sur place et à distance.",
                                  "Vous pouvez participer en présentiel ou en ligne.")}
SITE_NAMES = ("modernisation.gouv.fr", "Modernisation de l'action publique", "DITP",
              "Le site de la transformation publique")
