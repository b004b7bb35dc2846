"""mipcrawl: crawler and dataset of the DITP's Mois de l'innovation publique."""

__version__ = "0.1.0"
