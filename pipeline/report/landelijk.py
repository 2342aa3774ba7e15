"""National reference figures (from /work/shared/domain.md, section 1.7 and the seed), with sources.

The Divosa monitor reports means over the participating gemeenten, not pooled national totals;
the survey percentages of the seed are shares of gemeenten, not of signals or meldingen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bron:
    sleutel: str
    titel: str
    urls: tuple[str, ...]


BRONNEN: dict[str, Bron] = {
    b.sleutel: b
    for b in (
        Bron(
            "divosa2024",
            "Divosa Monitor Vroegsignalering Schulden, jaarrapportage 2024 (hoofdstuk Meldingen)",
            ("https://divosa.nl/publicaties/divosa-monitor-vroegsignalering-schulden-jaarrapportage-2024-0/meldingen",),
        ),
        Bron(
            "gemeentenu2024",
            "Gemeente.nu, 'Meer signalen over betalingsachterstanden' (over de Divosa-jaarrapportage 2024)",
            ("https://www.gemeente.nu/sociaal/meer-signalen-over-betalingsachterstanden/",),
        ),
        Bron(
            "divosa2023",
            "Divosa Monitor Vroegsignalering Schulden, jaarrapportage 2023",
            (
                "https://divosa.nl/publicaties/divosa-monitor-vroegsignalering-schulden-jaarrapportage-2023/divosa-monitor-0",
                "https://divosa.nl/publicaties/divosa-monitor-vroegsignalering-schulden-jaarrapportage-2023/divosa-monitor/helft-van-de-meldingen-enkelvoudig/introductie",
            ),
        ),
        Bron(
            "divosa2023_bereik",
            "Divosa Monitor Vroegsignalering Schulden, jaarrapportage 2023: bereik",
            ("https://divosa.nl/publicaties/divosa-monitor-vroegsignalering-schulden-jaarrapportage-2023/divosa-monitor/bij-een-1",),
        ),
        Bron(
            "divosa2023_hulp",
            "Divosa Monitor Vroegsignalering Schulden, jaarrapportage 2023: hulpacceptatie",
            ("https://divosa.nl/publicaties/divosa-monitor-vroegsignalering-schulden-jaarrapportage-2023/divosa-monitor/35-van-het",),
        ),
        Bron(
            "kennisbundel2023",
            "Kennisbundel, samenvatting van de Divosa-jaarrapportage 2023",
            ("https://www.kennisbundel.nl/kennisbank/artikel/divosa-monitor-vroegsignalering-schulden-jaarrapportage-2023/",),
        ),
        Bron(
            "gemeentenu_energie",
            "Gemeente.nu over de Divosa-monitor: aandeel eindeleveringssignalen en signaalpartners",
            (
                "https://www.gemeente.nu/sociaal/bij-vroegsignaal-accepteert-1-op-de-3-mensen-hulp/",
                "https://www.gemeente.nu/bedrijfsvoering/communicatie/ruim-700-000-signalen-voor-vroegsignalering-schulden/",
            ),
        ),
        Bron(
            "sessie2024",
            "Divosa-sessie 'Terugkerende signalen: vaker erop af of business as usual?' (1 oktober 2024), "
            "met de enquête van de Divosa-monitor van najaar 2024",
            (),
        ),
    )
}


@dataclass(frozen=True)
class Referentie:
    waarde: float
    jaar: int
    bron: str  # key of BRONNEN
    decimalen: int = 0
    circa: bool = False
    periode: str = ""  # when not the whole year, e.g. 'eerste helft 2024'

    @property
    def jaar_label(self) -> str:
        return self.periode or str(self.jaar)


# Per headline figure: the national values per year (means over gemeenten).
KERNCIJFERS: dict[str, tuple[Referentie, ...]] = {
    "signalen_per_1000": (
        Referentie(4.0, 2023, "divosa2023", decimalen=1),
        Referentie(4.4, 2024, "gemeentenu2024", decimalen=1),
    ),
    "meldingen_per_1000": (Referentie(2.9, 2023, "kennisbundel2023", decimalen=1),),
    "aandeel_opgepakt": (
        Referentie(0.80, 2023, "kennisbundel2023"),
        Referentie(0.83, 2024, "divosa2024"),
    ),
    "aandeel_opeenvolgend": (
        Referentie(0.40, 2023, "divosa2023"),
        Referentie(0.45, 2024, "sessie2024"),
    ),
    "aandeel_meervoudig": (Referentie(0.11, 2023, "divosa2023"),),
    "aandeel_bereikt": (Referentie(0.20, 2023, "divosa2023_bereik", circa=True),),
    "aandeel_hulp_van_bereikt": (Referentie(0.35, 2023, "divosa2023_hulp"),),
    "aandeel_hulp_van_meldingen": (Referentie(0.07, 2023, "divosa2023_hulp"),),
    "aandeel_crisis_van_energie": (
        Referentie(0.22, 2023, "gemeentenu_energie", circa=True),
        Referentie(0.25, 2024, "gemeentenu_energie", circa=True),
    ),
}

# Share of signals per signaalpartner type, first half of 2024 (Gemeente.nu on the Divosa monitor).
SIGNAALPARTNERS_H1_2024: dict[str, Referentie] = {
    "zorg": Referentie(0.41, 2024, "gemeentenu_energie", periode="eerste helft van 2024"),
    "huur": Referentie(0.20, 2024, "gemeentenu_energie", periode="eerste helft van 2024"),
    "energie": Referentie(0.20, 2024, "gemeentenu_energie", periode="eerste helft van 2024"),
    "water": Referentie(0.18, 2024, "gemeentenu_energie", periode="eerste helft van 2024"),
}

# Reach (2023) among meldingen with at least one attempt of a kind, and by number of attempts.
BEREIK_CONTACTSOORT: dict[str, Referentie] = {
    "telefoon": Referentie(0.59, 2023, "divosa2023_bereik"),
    "huisbezoek": Referentie(0.46, 2023, "divosa2023_bereik"),
    "schriftelijk": Referentie(0.06, 2023, "divosa2023_bereik"),
}
BEREIK_POGINGEN: dict[str, Referentie] = {
    "aandeel_bereikt_bij_1_2_pogingen": Referentie(0.18, 2023, "divosa2023_bereik"),
    "aandeel_bereikt_bij_4_of_meer_pogingen": Referentie(0.37, 2023, "divosa2023_bereik"),
}

# The three bottlenecks gemeenten named in the monitor survey of autumn 2024 (share of gemeenten).
KNELPUNTEN_ENQUETE: dict[str, Referentie] = {
    "eindelevering": Referentie(0.48, 2024, "sessie2024", periode="enquête najaar 2024"),
    "vorige_zonder_contact": Referentie(0.37, 2024, "sessie2024", periode="enquête najaar 2024"),
    "contactgegevens": Referentie(0.33, 2024, "sessie2024", periode="enquête najaar 2024"),
}


def referentie_voor(sleutel: str, jaar: int | None) -> Referentie | None:
    """The national value for the data's year; else the latest earlier year; else the earliest."""
    opties = KERNCIJFERS.get(sleutel, ())
    if not opties:
        return None
    if jaar is None:
        return max(opties, key=lambda r: r.jaar)
    eerder = [r for r in opties if r.jaar <= jaar]
    if eerder:
        return max(eerder, key=lambda r: r.jaar)
    return min(opties, key=lambda r: r.jaar)


def referentie_bij_categorie(categorie: str, refs: dict[str, Referentie]) -> Referentie | None:
    """The reference whose key occurs in a published category ('Telefoon' -> 'telefoon')."""
    tekst = categorie.lower()
    for sleutel, ref in refs.items():
        if sleutel in tekst:
            return ref
    return None
