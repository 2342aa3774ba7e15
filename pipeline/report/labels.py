"""Dutch labels and fixed colours for the categories the report shows."""

from __future__ import annotations

import re

# signaalpartner type (column suffix of aandeel_<type>) -> label, colour; the order is the legend's
SIGNAALPARTNERS: dict[str, tuple[str, str]] = {
    "zorg": ("Zorgverzekeraar", "#1f4e79"),
    "huur": ("Huur", "#e07a5f"),
    "energie": ("Energie", "#f2b134"),
    "water": ("Drinkwater", "#3d9fb8"),
    "cak_zorgverzekeringen": ("CAK (zorgverzekering)", "#6d597a"),
    "cak_eigen_bijdrage": ("CAK (eigen bijdrage)", "#b56576"),
    "belastingdienst": ("Belastingdienst", "#355070"),
    "dienst_toeslagen": ("Dienst Toeslagen", "#8d99ae"),
    "duo": ("DUO", "#81b29a"),
    "hypotheek": ("Hypotheek", "#264653"),
    "overige": ("Overige", "#adb5bd"),
}

# aanpak (aanpaklijst.aanpak) -> label, colour; from most to least personal
AANPAKKEN: dict[str, tuple[str, str]] = {
    "huisbezoek": ("Huisbezoek", "#1f4e79"),
    "telefoon": ("Telefoon", "#3d9fb8"),
    "sms_whatsapp": ("Sms/WhatsApp", "#81b29a"),
    "mail": ("E-mail", "#f2b134"),
    "brief": ("Brief", "#e07a5f"),
    "uitgesteld": ("Uitgesteld", "#b56576"),
    "geen": ("Geen actie", "#adb5bd"),
}

EXTRA_KLEUREN = ("#6d597a", "#355070", "#264653", "#8d99ae", "#cb997e", "#6b705c")


def signaalpartner_label(sleutel: str) -> str:
    return SIGNAALPARTNERS.get(sleutel, (sleutel.replace("_", " ").capitalize(), ""))[0]


def aanpak_label(sleutel: str) -> str:
    return AANPAKKEN.get(sleutel, (sleutel.replace("_", " ").capitalize(), ""))[0]


def categorie_label(categorie: str) -> str:
    """A category as published (a DDAS value or a snake_case key) for display."""
    tekst = categorie.replace("_", " ").strip()
    return tekst[:1].upper() + tekst[1:]


def kleur(sleutel: str, tabel: dict[str, tuple[str, str]], index: int) -> str:
    gevonden = tabel.get(sleutel)
    return gevonden[1] if gevonden else EXTRA_KLEUREN[index % len(EXTRA_KLEUREN)]


def categorie_volgorde(categorie: str) -> tuple[int, float, str]:
    """Sort key: categories that start with a number ('1', '2', '6 of meer') numerically, the rest
    alphabetically after them."""
    m = re.match(r"\s*(\d+(?:[.,]\d+)?)", categorie)
    if m:
        return (0, float(m.group(1).replace(",", ".")), categorie)
    return (1, 0.0, categorie.lower())


def maanden_label(categorie: str) -> str:
    """'1' -> '1 maand', '2' -> '2 maanden', '6 of meer' -> '6 of meer maanden'."""
    tekst = categorie.strip()
    if tekst == "1":
        return "1 maand"
    if re.fullmatch(r"\d+|\d+\s*of meer|\d+\+|\d+-\d+", tekst):
        return tekst.replace("+", " of meer") + " maanden"
    return categorie_label(tekst)


def in_zin(label: str) -> str:
    """A label inside a sentence: 'Zorgverzekeraar' -> 'zorgverzekeraar'; names with more capitals
    ('CAK (zorgverzekering)', 'Dienst Toeslagen', 'DUO') stay as they are."""
    if any(c.isupper() for c in label[1:]):
        return label
    return label[:1].lower() + label[1:]


def ddas_type_label(naam: str) -> str:
    """A DDAS signaalpartner type as published ('Zorg', 'CAK Zorgverzekeringen') -> report label."""
    sleutel = naam.strip().lower().replace(" ", "_")
    return SIGNAALPARTNERS[sleutel][0] if sleutel in SIGNAALPARTNERS else categorie_label(naam)


def ddas_type_in_zin(naam: str) -> str:
    return in_zin(ddas_type_label(naam))
