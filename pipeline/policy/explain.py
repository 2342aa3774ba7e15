"""The `reden`: one Dutch sentence per melding, built as a polars expression.

It names the deciding rule, the facts that made it match and every measure that
changed or flagged the row. It never prints a personal value: conditions are
described with the policy's own bounds (amounts as bands such as
"achterstand boven € 1.000"), and age bounds are written out in words, so the
digits of a resident's age never appear.
"""

from __future__ import annotations

import polars as pl

from pipeline.policy import measures as M
from pipeline.policy.conditions import CONDITIONS, to_expr
from pipeline.policy.model import ALWAYS, AllOf, AnyOf, Condition, Leaf, Not, Outcome, Policy, Range

# ------------------------------------------------------------------ words

_UNITS = (
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
    "vijftien zestien zeventien achttien negentien"
).split()
_TENS = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig", 7: "zeventig", 8: "tachtig", 9: "negentig"}


def number_words(n: int) -> str:
    """Dutch words for 0..199 (ages), e.g. 27 -> 'zevenentwintig'; digits beyond."""
    if n < 0 or n >= 200:
        return str(n)
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _TENS[tens]
        word = _UNITS[unit]
        return word + ("ën" if word.endswith("e") else "en") + _TENS[tens]
    rest = n - 100
    return "honderd" + (number_words(rest) if rest else "")


def euro(amount: float) -> str:
    """Dutch amount notation: 1000 -> '€ 1.000', 19.99 -> '€ 19,99'."""
    if float(amount).is_integer():
        text = f"{int(amount):,}".replace(",", ".")
    else:
        text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def join_nl(items: list[str], last: str = "en") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


KANAAL_NAMEN = {
    "huisbezoek": "huisbezoek",
    "telefoon": "telefoon",
    "sms_whatsapp": "sms/WhatsApp",
    "mail": "e-mail",
    "brief": "brief",
}
AANPAK_ZIN = {
    "huisbezoek": "huisbezoek",
    "telefoon": "telefonisch contact",
    "sms_whatsapp": "contact via sms/WhatsApp",
    "mail": "contact per e-mail",
    "brief": "een brief",
    "uitgesteld": "uitgesteld",
    "geen": "geen aanpak",
}

# flag conditions: (text when true, text when false, text when unknown)
_FLAGS = {
    "meervoudig": ("meervoudige melding (match in dezelfde maand)", "geen meervoudige melding", "onbekend of de melding meervoudig is"),
    "opeenvolgend": ("opeenvolgende melding (recidive)", "geen opeenvolgende melding", "onbekend of de melding opeenvolgend is"),
    "crisis": ("crisismelding", "geen crisismelding", "onbekend of het een crisismelding is"),
    "telefoon_bekend": ("telefoonnummer bekend", "geen telefoonnummer bekend", "onbekend of er een telefoonnummer is"),
    "email_bekend": ("e-mailadres bekend", "geen e-mailadres bekend", "onbekend of er een e-mailadres is"),
    "eerder_bereikt": ("eerder contact met de inwoner gehad", "nog nooit contact met de inwoner gehad", "onbekend of er eerder contact was"),
    "eerder_contactpoging": ("eerder contactpogingen gedaan", "nog geen eerdere contactpogingen", "onbekend of er eerdere contactpogingen waren"),
    "opeenvolgend_zelfde_partner": ("eerder signaal van dezelfde signaalpartner", "geen eerder signaal van dezelfde signaalpartner", "onbekend of dezelfde signaalpartner eerder meldde"),
    "opeenvolgend_andere_partner": ("eerder signaal van een andere signaalpartner", "geen eerder signaal van een andere signaalpartner", "onbekend of een andere signaalpartner eerder meldde"),
    "minderjarige_kinderen": ("minderjarige kinderen in het huishouden", "geen minderjarige kinderen in het huishouden", "huishoudsamenstelling onbekend"),
}
_TRENDS = {"hoger": "hoger dan bij de vorige melding", "lager": "lager dan bij de vorige melding", "gelijk": "even hoog als bij de vorige melding"}


def _count_nouns(policy: Policy) -> dict[str, tuple[str, str]]:
    jaar = policy.windows["jaar_maanden"]
    return {
        "meldingen_12m": (f"meldingen in de afgelopen {jaar} maanden", f"aantal meldingen in de afgelopen {jaar} maanden onbekend"),
        "zonder_contact_op_rij": ("eerdere meldingen op rij zonder contact", "onbekend hoeveel eerdere meldingen zonder contact waren"),
        "maanden_sinds_vorige": ("maanden sinds de vorige melding", "geen eerdere melding bekend"),
        "eerdere_meldingen": ("eerdere meldingen op het adres", "onbekend hoeveel eerdere meldingen er waren"),
    }


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _bound_texts(lo, hi, word, both: str, from_lo: str, to_hi: str, below: str, above: str, **fields) -> tuple[str, str, str]:
    """(holds, below the range, above the range) for a range with one or two bounds. Each text is a
    template with {lo} and/or {hi} (the bounds as `word` writes them) and any other `fields`; holds
    is `both`, `from_lo` or `to_hi` after the bounds given, below and above are empty without their bound."""
    values = {"lo": None if lo is None else word(lo), "hi": None if hi is None else word(hi), **fields}
    holds = both if lo is not None and hi is not None else from_lo if lo is not None else to_hi
    return (holds.format(**values), below.format(**values) if lo is not None else "",
            above.format(**values) if hi is not None else "")


def _range_texts(key: str, rng: Range, policy: Policy) -> tuple[str, str, str, str]:
    """(holds, below the range, above the range, unknown) for a range leaf."""
    lo, hi = rng.lower, rng.upper
    if key == "bedrag":
        van = "vanaf" if rng.lower_inclusive else "boven"
        tot = "tot en met" if rng.upper_inclusive else "onder"
        texts = _bound_texts(
            lo, hi, euro, f"achterstand {van} {{lo}} {tot} {{hi}}", f"achterstand {van} {{lo}}", f"achterstand {tot} {{hi}}",
            "achterstand onder {lo}" if rng.lower_inclusive else "achterstand van {lo} of minder",
            "achterstand boven {hi}" if rng.upper_inclusive else "achterstand vanaf {hi}",
        )
        return *texts, "achterstand onbekend"
    if key == "leeftijd":  # van inclusive, tot exclusive; in words
        texts = _bound_texts(
            lo, hi, lambda x: number_words(int(x)), "leeftijd van {lo} tot {hi} jaar", "leeftijd vanaf {lo} jaar",
            "leeftijd onder {hi} jaar", "leeftijd onder {lo} jaar", "leeftijd vanaf {hi} jaar",
        )
        return *texts, "leeftijd onbekend"
    noun, unknown = _count_nouns(policy)[key]
    texts = _bound_texts(
        lo, hi, _n, "precies {lo} {noun}" if lo == hi else "{lo} tot en met {hi} {noun}", "ten minste {lo} {noun}",
        "hoogstens {hi} {noun}", "minder dan {lo} {noun}", "meer dan {hi} {noun}", noun=noun,
    )
    return *texts, unknown


def _value_texts(leaf: Leaf) -> tuple[str, str, str]:
    """(holds, fails, unknown) for the 'one of these values' conditions."""
    if leaf.key == "bedrag_trend":
        trends = join_nl([_TRENDS[t] for t in leaf.value], "of")
        return f"achterstand {trends}", f"achterstand niet {trends}", "geen vergelijking met een vorige melding"
    values = join_nl([f"'{v}'" for v in leaf.value], "of")
    if leaf.key == "signaalpartner_types":
        return f"signaal van type {values}", f"geen signaal van type {values}", "signaaltypen onbekend"
    if leaf.key == "vorig_resultaat":
        return (
            f"vorige melding afgesloten met {values}",
            f"vorige melding niet afgesloten met {values}",
            "geen afgesloten eerdere melding",
        )
    if leaf.key == "vorige_soorten":
        return (
            f"bij de vorige melding geprobeerd: {values}",
            f"bij de vorige melding niet geprobeerd: {values}",
            "onbekend wat bij de vorige melding is geprobeerd",
        )
    raise AssertionError(leaf.key)  # pragma: no cover


def leaf_texts(leaf: Leaf, policy: Policy) -> tuple[str, pl.Expr]:
    """(static text when the leaf holds, expression explaining why it fails)."""
    spec = CONDITIONS[leaf.key]
    col = pl.col(spec.column)
    if spec.kind == "range":
        rng: Range = leaf.value
        holds, below, above, unknown = _range_texts(leaf.key, rng, policy)
        fails = pl.when(col.is_null()).then(pl.lit(unknown))
        if rng.lower is not None:
            fails = fails.when(col < rng.lower if rng.lower_inclusive else col <= rng.lower).then(pl.lit(below))
        return holds, fails.otherwise(pl.lit(above))
    if spec.kind in ("flag", "children"):
        yes, no, unknown = _FLAGS[leaf.key]
        holds, other = (yes, no) if leaf.value else (no, yes)
        return holds, pl.when(col.is_null()).then(pl.lit(unknown)).otherwise(pl.lit(other))
    holds, fails, unknown = _value_texts(leaf)
    return holds, pl.when(col.is_null()).then(pl.lit(unknown)).otherwise(pl.lit(fails))


def describe(condition: Condition, policy: Policy) -> str:
    """Static Dutch description of a condition, for documentation and `niet`."""
    if isinstance(condition, Leaf):
        return leaf_texts(condition, policy)[0]
    if isinstance(condition, Not):
        return "niet " + describe(condition.item, policy)
    parts = [describe(item, policy) for item in condition.items]
    if not parts:
        return "altijd"
    text = join_nl(parts, "of" if isinstance(condition, AnyOf) else "en")
    return f"({text})" if len(parts) > 1 else text


def _join_static(exprs: list[pl.Expr], last: str = " en ") -> pl.Expr:
    pieces: list[pl.Expr] = []
    for i, expr in enumerate(exprs):
        if i:
            pieces.append(pl.lit(last if i == len(exprs) - 1 else ", "))
        pieces.append(expr)
    return pl.concat_str(pieces) if len(pieces) > 1 else pieces[0]


def _join_present(pairs: list[tuple[pl.Expr, pl.Expr]]) -> pl.Expr:
    """Join the texts whose condition holds, with ' en '."""
    return pl.concat_str(
        [pl.when(cond).then(text) for cond, text in pairs], separator=" en ", ignore_nulls=True
    )


def why_true(condition: Condition, policy: Policy) -> pl.Expr:
    """Text naming the facts that make `condition` hold (valid where it holds)."""
    if isinstance(condition, Leaf):
        return pl.lit(leaf_texts(condition, policy)[0])
    if isinstance(condition, Not):
        inner = condition.item
        if isinstance(inner, Leaf):
            return why_false(inner, policy)
        return pl.concat_str(
            [pl.lit(f"niet {describe(inner, policy)} want "), why_false(inner, policy)]
        )
    if isinstance(condition, AllOf):
        return _join_static([why_true(item, policy) for item in condition.items])
    return _join_present([(to_expr(item), why_true(item, policy)) for item in condition.items])


def why_false(condition: Condition, policy: Policy) -> pl.Expr:
    """Text naming the facts that make `condition` fail (valid where it fails)."""
    if isinstance(condition, Leaf):
        return leaf_texts(condition, policy)[1]
    if isinstance(condition, Not):
        return why_true(condition.item, policy)
    if isinstance(condition, AnyOf):
        return _join_static([why_false(item, policy) for item in condition.items])
    return _join_present([(~to_expr(item), why_false(item, policy)) for item in condition.items])


def outcome_text(outcome: Outcome) -> str:
    if not outcome.opgepakt:
        return "dus " + outcome.signaalstatus[0].lower() + outcome.signaalstatus[1:]
    text = AANPAK_ZIN[outcome.aanpak]
    if outcome.aanpak == "brief" and outcome.brief_sjabloon:
        text += f" (sjabloon '{outcome.brief_sjabloon}')"
    if len(outcome.kanalen) > 1:
        text += " (daarna " + join_nl([KANAAL_NAMEN[k] for k in outcome.kanalen[1:]]) + ")"
    if outcome.aanpak != "brief" and outcome.brief_sjabloon:
        text += f" met brief '{outcome.brief_sjabloon}'"
    if outcome.prioriteit != 3:
        text += f", prioriteit {outcome.prioriteit}"
    return "dus " + text


def rule_sentence(policy: Policy) -> pl.Expr:
    """The rule part of the reden, chosen by the RULE column."""
    expr = pl.when(pl.col(M.RULE) == M.NO_RULE).then(
        pl.lit(f"Geen enkele regel van beleid '{policy.name}' is van toepassing, dus geen aanpak")
    )
    for rule in policy.rules:
        head = f"Regel '{rule.naam}' ({rule.id})"
        tail = outcome_text(rule.dan)
        if rule.als == ALWAYS:
            text = pl.lit(f"{head} geldt voor alle overige meldingen, {tail}")
        else:
            text = pl.concat_str([pl.lit(f"{head}: "), why_true(rule.als, policy), pl.lit(f", {tail}")])
        expr = expr.when(pl.col(M.RULE) == rule.id).then(text)
    return expr.otherwise(pl.lit(None, dtype=pl.Utf8))


def measure_texts(policy: Policy) -> list[tuple[str, pl.Expr]]:
    """(measure column, text) in precedence order."""
    m = policy.measures
    jaar = policy.windows["jaar_maanden"]
    intensief = (
        pl.when(pl.col("telefoon_bekend").fill_null(False))
        .then(pl.lit("telefonisch contact (daarna sms/WhatsApp en huisbezoek)"))
        .otherwise(pl.lit("huisbezoek, want er is geen telefoonnummer bekend"))
    )
    return [
        (M.M_SHV, pl.lit("maar de inwoner is al bekend bij schuldhulpverlening, dus niet opgepakt en geen aanpak")),
        (M.M_NIET_BENADEREN, pl.lit("maar de inwoner of het adres staat op de lijst niet benaderen, dus geen aanpak")),
        (
            M.M_PAUZE,
            pl.lit(
                f"maar er waren al {m.pauze_na_zonder_contact.aantal} of meer meldingen op rij zonder contact "
                "en er is geen match in dezelfde maand, dus uitgesteld (maatregel pauze na meldingen zonder contact)"
            ),
        ),
        (
            M.M_INTENSIVEREN,
            pl.concat_str(
                [
                    pl.lit("maatregel intensiveren: opeenvolgende melding, dus persoonlijk contact ongeacht de hoogte van de achterstand: "),
                    intensief,
                ]
            ),
        ),
        (
            M.M_RECIDIVE_BRIEF,
            pl.lit(f"maatregel recidivebrief: opeenvolgende melding en nog nooit contact gehad, dus brief '{m.recidive_brief.sjabloon}'"),
        ),
        (
            M.M_BEWIND,
            pl.lit(f"maatregel bewind: {m.bewind_overwegen_na.aantal} of meer meldingen in de afgelopen {jaar} maanden, dus beschermingsbewind overwegen"),
        ),
        (
            M.M_ANDERE_SYSTEMEN,
            pl.lit(
                f"maatregel andere systemen: opeenvolgende melding na {m.andere_systemen_na.aantal} of meer meldingen "
                "op rij zonder contact, dus in andere systemen nagaan of de inwoner bekend is"
            ),
        ),
        (M.M_CONSULENT, pl.lit("maatregel zelfde consulent: de consulent van de vorige melding pakt deze op")),
        (M.M_CRISIS, pl.lit("crisismelding, dus prioriteit 1")),
        (M.M_PRIORITEIT_RECIDIVE, pl.lit("maatregel meer prioriteit bij recidive: opeenvolgende melding, dus een stap hogere prioriteit")),
    ]


def reden_expr(policy: Policy) -> pl.Expr:
    parts = [rule_sentence(policy)]
    parts += [pl.when(pl.col(col)).then(text) for col, text in measure_texts(policy)]
    return pl.concat_str(
        [pl.concat_str(parts, separator="; ", ignore_nulls=True), pl.lit(".")]
    ).alias("reden")
