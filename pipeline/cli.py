"""The `vroegsignaal` command: thin wrappers that run the same Dagster definitions the UI uses."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import warnings
from pathlib import Path

from pipeline.common.settings import KeyMissing, load_settings


def _month(text: str) -> str:
    try:
        return dt.datetime.strptime(text, "%Y-%m").strftime("%Y-%m")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen maand in de vorm JJJJ-MM") from None


def _month_or_all(text: str) -> str:
    return text if text == "alle" else _month(text)


def _configure(landing: Path, out: Path, *, demo: bool) -> None:
    os.environ["VROEGSIGNAAL_LANDING"] = str(landing.resolve())
    os.environ["VROEGSIGNAAL_OUT"] = str(out.resolve())
    if demo:
        os.environ["VROEGSIGNAAL_DEMO"] = "1"


def cmd_generate(args: argparse.Namespace) -> int:
    from pipeline.synthetic import generate

    gemeenten = args.gemeenten.split(",") if args.gemeenten else None
    summary = generate(
        Path(args.out), start=args.start, months=args.months, gemeenten=gemeenten,
        national=args.national, seed=args.seed, defect_rate=args.defect_rate,
    )
    print(f"{len(summary.files)} bestanden geschreven in {args.out}")
    return 0


def cmd_run(args: argparse.Namespace, *, demo: bool = False) -> int:
    from pipeline.run import state as run_state

    _configure(Path(args.landing), Path(args.out), demo=demo)
    settings = load_settings()
    try:
        settings.hash_key()
    except KeyMissing as problem:
        print(f"vroegsignaal run: {problem}", file=sys.stderr)
        return 2
    # Fast path, before Dagster is imported: nothing changed since the last successful run of
    # every month. A run of chosen months does not take it; after it, the record holds those months'
    # current files and the last full record of the rest (see `after_chosen_months`).
    state = run_state.current_state(settings)
    previous = run_state.recorded(settings)
    if not args.month and not getattr(args, "herbereken_beleid", None) and run_state.nothing_new(settings, state, previous):
        print("niets nieuws: landing, beleid en modellen ongewijzigd sinds de laatste publicatie")
        return 0
    run_state.forget(settings)

    from pipeline.defs.runner import run_pipeline
    from pipeline.report.summary import print_summary

    herbereken = getattr(args, "herbereken_beleid", None)
    if herbereken:
        announce_recalculation(settings, herbereken)
    outcome = run_pipeline(settings, months=args.month, herbereken_beleid=herbereken)
    if outcome.success:
        record = state if not args.month else run_state.after_chosen_months(previous, state, args.month)
        if record is not None:
            run_state.remember(settings, record)
    for line in outcome.messages:
        print(line, file=sys.stderr if not outcome.success else sys.stdout)
    if not outcome.success and outcome.checks:
        failed = [name for name, ok in outcome.checks if not ok]
        print(f"controles: {len(outcome.checks) - len(failed)} geslaagd, {len(failed)} mislukt", file=sys.stderr)
    if getattr(args, "tijden", False):
        for step, seconds in sorted(outcome.timings, key=lambda t: -t[1]):
            print(f"tijd {seconds:8.2f} s  {step}")
    if not outcome.success:
        return 1
    print_summary(settings, outcome.checks)
    return 0


def announce_recalculation(settings, herbereken: str) -> None:
    """Say what --herbereken-beleid will rewrite, before the run does it."""
    from pipeline.policy.steps import decisions_from, ensure_decision_tables, month_label
    from pipeline.warehouse.connection import open_warehouse

    vanaf = None if herbereken == "alle" else dt.date.fromisoformat(herbereken + "-01")
    count, first, last = 0, None, None
    if settings.warehouse.exists():
        with open_warehouse(settings) as con:
            ensure_decision_tables(con)
            count, first, last = decisions_from(con, vanaf)
    scope = f"vanaf {herbereken}" if vanaf else "van alle maanden"
    print(f"--herbereken-beleid: de besluiten {scope} worden opnieuw genomen met het beleid dat nu voor elke maand "
          f"geldt; dit herschrijft opname en aanpak van {count} meldingen"
          + (f" ({month_label(first)} t/m {month_label(last)})" if count else "")
          + " in melding_opname, aanpaklijst en alles wat daarvan afhangt (signalen.status, meldingen, monitor)")


DEMO_START, DEMO_MONTHS, DEMO_GEMEENTEN = "2023-01", 24, "0546,1586"


def simulate_demo_contacts(settings, landing: Path, seed: int) -> int:
    """Demo only: caseworkers' contact attempts on the approach list, as a case-system export."""
    from pipeline.synthetic import household_traits
    from pipeline.synthetic.contactpogingen import simulate_contactpogingen
    from pipeline.warehouse.connection import open_warehouse

    with open_warehouse(settings, read_only=True) as con:
        meldingen = con.sql(
            "select a.melding_id, a.gemeentecode, a.maand, k.adres, a.aanpak, a.kanalen, a.brief_sjabloon, a.consulent "
            "from aanpaklijst a join int_melding_kandidaten k using (melding_id)"
        ).pl()
    traits = household_traits(start=DEMO_START, months=DEMO_MONTHS, gemeenten=DEMO_GEMEENTEN.split(","), seed=seed)
    return len(simulate_contactpogingen(meldingen, traits, landing, seed=seed))


def print_demo_next_steps(landing: Path, out: Path) -> None:
    """Where the outputs are and what to try next: the last lines a newcomer reads."""
    print(f"\nUitvoer in {out}/:")
    print("  rapport/*.html               het rapport per gemeente en voor alle gemeenten (opent offline)")
    print("  analytics.duckdb, parquet/   gepseudonimiseerde tabellen voor analisten (voorbeeldvragen: docs/analyse.md;")
    print("                               Parquet per tabel en maand: parquet/<tabel>/maand=JJJJ-MM/)")
    print("  exports/, ddas/              werkvoorraad en DDAS-levering (persoonsgegevens, alleen eigenaar)")
    print("  warehouse.duckdb             het besloten warehouse van de pipeline (persoonsgegevens)")
    print("Probeer:")
    print(f"  vroegsignaal simuleer --landing {landing} --beleid policies/oost_gelre.yaml --gemeente 0546")
    print("  make dev     de Dagster-UI met de assets, het schema en de sensor (http://127.0.0.1:3000)")
    print("  make serve   onbeheerd draaien op een server (zie README, Running in production)")


def cmd_demo(args: argparse.Namespace) -> int:
    base = Path(args.dir)
    landing, out = base / "landing", base / "out"
    print("Demo: synthetische gegevens (geen echte personen); vaste demosleutel voor de pseudonimisering.")
    gen = argparse.Namespace(out=str(landing), start=DEMO_START, months=DEMO_MONTHS, gemeenten=DEMO_GEMEENTEN,
                             national=False, seed=args.seed, defect_rate=0.01)
    cmd_generate(gen)
    run_args = argparse.Namespace(landing=str(landing), out=str(out), month=None, tijden=False, herbereken_beleid=None)
    print("Eerste run: signalen, meldingen en de aanpaklijst ...")
    _configure(landing, out, demo=True)
    from pipeline.defs.runner import run_pipeline

    first = run_pipeline(load_settings())
    if not first.success:
        for line in first.messages:
            print(line, file=sys.stderr)
        return 1
    files = simulate_demo_contacts(load_settings(), landing, args.seed)
    print(f"Gesimuleerde consulenten: {files} exportbestanden met contactpogingen in {landing / 'contactpogingen'}")
    print("Tweede run: met de contacthistorie ...")
    code = cmd_run(run_args, demo=True)
    if code == 0:
        print_demo_next_steps(landing, out)
        from pipeline.synthetic.effect_check import planted_check

        print(f"\nVaker erop af? (vroegsignaal effect --out {out} --gemeente 0546)")
        print(planted_check(seed=args.seed))
    return code


def cmd_simuleer(args: argparse.Namespace) -> int:
    from pipeline.run.whatif import format_comparison, simulate
    from pipeline.common.settings import PROJECT_ROOT

    van = dt.datetime.strptime(args.van, "%Y-%m").date() if args.van else None
    tot = dt.datetime.strptime(args.tot, "%Y-%m").date() if args.tot else None
    policies_dir = Path(args.beleidsmap) if args.beleidsmap else PROJECT_ROOT / "policies"
    table, own, other = simulate(Path(args.landing), policies_dir, Path(args.beleid), args.gemeente, van, tot)
    if table.is_empty():
        print(f"geen meldingen voor gemeente {args.gemeente} in de gekozen periode", file=sys.stderr)
        return 1
    print(f"Gemeente {args.gemeente}: eigen beleid ({own}) tegenover {args.beleid} ({other}).")
    print("Niets gepubliceerd: de simulatie draait in het geheugen.\n")
    print(format_comparison(table, own, other, per_month=args.per_maand))
    return 0


def _settings_for(out: str, *, landing: str | None = None) -> "Settings":
    os.environ["VROEGSIGNAAL_OUT"] = str(Path(out).resolve())
    if landing:
        os.environ["VROEGSIGNAAL_LANDING"] = str(Path(landing).resolve())
    return load_settings()


def _finish(outcome) -> int:
    for line in outcome.messages:
        print(line, file=sys.stdout if outcome.success else sys.stderr)
    return 0 if outcome.success else 1


def cmd_opschonen(args: argparse.Namespace) -> int:
    from pipeline.policy import load_policies
    from pipeline.privacy.retention import purge, purge_ddas, purge_exports, retention_limits
    from pipeline.defs.runner import rebuild
    from pipeline.warehouse.connection import hold_writer_lock, open_warehouse

    settings = _settings_for(args.out)
    from pipeline.run.state import forget

    forget(settings)
    peildatum = dt.date.fromisoformat(args.peildatum) if args.peildatum else dt.date.today()
    try:
        settings.hash_key()
    except KeyMissing as problem:
        print(f"vroegsignaal opschonen: {problem}", file=sys.stderr)
        return 2
    policies = load_policies(settings.policies_dir)
    with hold_writer_lock(settings):
        with open_warehouse(settings) as con:
            report = purge(con, policies, peildatum)
            limits = retention_limits(con, policies, peildatum, "signalen_zonder_hulp")
            purge_ddas(con, settings.out / "ddas", report)
        purge_exports(settings.exports_dir, limits, report)
        outcome = rebuild(settings)
    for line in report.lines():
        print(line)
    return _finish(outcome)


def cmd_sleutel_roteren(args: argparse.Namespace) -> int:
    from pipeline.privacy.keys import rotate_retained_pseudonyms
    from pipeline.defs.runner import rebuild
    from pipeline.common.settings import resolve_key
    from pipeline.warehouse.connection import hold_writer_lock, open_warehouse

    settings = _settings_for(args.out)
    from pipeline.run.state import forget

    forget(settings)
    old = os.environ.get("VROEGSIGNAAL_OUDE_SLEUTEL", "").strip()
    try:
        new = resolve_key()
    except KeyMissing as problem:
        print(f"vroegsignaal sleutel-roteren: {problem}", file=sys.stderr)
        return 2
    if len(old) < 16 or old == new:
        print("vroegsignaal sleutel-roteren: zet VROEGSIGNAAL_OUDE_SLEUTEL op de oude sleutel en "
              "VROEGSIGNAAL_SLEUTEL(BESTAND) op een nieuwe, andere sleutel", file=sys.stderr)
        return 2
    with hold_writer_lock(settings):
        with open_warehouse(settings) as con:
            mapped = rotate_retained_pseudonyms(con, settings, old, new)
        outcome = rebuild(settings)
    print("Sleutel vervangen; alle sleutels opnieuw berekend en gepubliceerd "
          f"(bewaarde pseudoniemen via een levende rij vertaald: {sum(mapped.values())}).")
    return _finish(outcome)


def cmd_ddas(args: argparse.Namespace) -> int:
    from pipeline.exports.ddas_delivery import deliver
    from pipeline.exports.ddas import DdasInvalid
    from pipeline.privacy.retention import PURGED_MESSAGE, purged_gemeenten
    from pipeline.warehouse.connection import open_warehouse

    settings = _settings_for(args.out)
    van = dt.datetime.strptime(args.van, "%Y-%m").date()
    tot = dt.datetime.strptime(args.tot, "%Y-%m").date()
    try:
        with open_warehouse(settings, read_only=True) as con:
            if args.gemeente in purged_gemeenten(con, van, tot):
                print(f"vroegsignaal ddas: DDAS {args.van}..{args.tot} gemeente {args.gemeente}: {PURGED_MESSAGE}, "
                      "geen levering (niets geschreven)", file=sys.stderr)
                return 1
            path, counts = deliver(con, settings.out / "ddas", args.gemeente, van, tot, args.leverancier,
                                   dt.datetime.now().replace(microsecond=0), args.client)
    except KeyMissing as problem:
        print(f"vroegsignaal ddas: {problem}", file=sys.stderr)
        return 2
    except DdasInvalid as invalid:
        print(f"vroegsignaal ddas: niets geschreven. {invalid}", file=sys.stderr)
        return 1
    print(f"DDAS v1.2-levering geschreven en gevalideerd: {path} "
          f"({counts['vroegsignalen']} vroegsignalen, {counts['vroegsignaalzaken']} vroegsignaalzaken)")
    return 0


def cmd_rapport(args: argparse.Namespace) -> int:
    from pipeline.common.console import print_lines_or_refusal
    from pipeline.report import write_reports

    settings = _settings_for(args.out)
    return print_lines_or_refusal("rapport", lambda: (
        f"rapport: {path}" for path in write_reports(settings.analytics, settings.out / "rapport", args.gemeente)),
        FileNotFoundError, 1)


def cmd_effect(args: argparse.Namespace) -> int:
    from pipeline.effect.text import format_effect, read_tables

    settings = _settings_for(args.out)
    try:
        tables = read_tables(settings.analytics)
    except FileNotFoundError as missing:
        print(f"vroegsignaal effect: {missing}", file=sys.stderr)
        return 1
    gemeente = args.gemeente or "alle"
    if gemeente not in set(tables["herhaling_curve"]["gemeentecode"].to_list()):
        print(f"vroegsignaal effect: geen cijfers voor gemeente {gemeente}", file=sys.stderr)
        return 1
    print(format_effect(tables, gemeente))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vroegsignaal", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="synthetic, seeded signal exports (no real personal data)")
    gen.add_argument("--out", required=True, help="landing folder to write")
    gen.add_argument("--start", type=_month, default="2023-01")
    gen.add_argument("--months", type=int, default=24)
    gen.add_argument("--gemeenten", default=None, help="comma-separated gemeentecodes (default 0546,1586)")
    gen.add_argument("--national", action="store_true", help="all gemeenten, about 80,000 signals a month")
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--defect-rate", type=float, default=0.0)
    gen.set_defaults(func=cmd_generate)

    run = sub.add_parser("run", help="ingest, build the models, check and publish")
    run.add_argument("--landing", required=True)
    run.add_argument("--out", required=True)
    run.add_argument("--month", type=_month, action="append", help="YYYY-MM; repeatable; default every month in the landing folder")
    run.add_argument("--tijden", action="store_true", help="print the wall time of every step")
    run.add_argument("--herbereken-beleid", nargs="?", const="alle", type=_month_or_all, metavar="YYYY-MM",
                     help="re-decide pick-up and routing of every month (or from YYYY-MM) under the policy version "
                          "now in force for each month; says first what it rewrites")
    run.set_defaults(func=cmd_run)

    sim = sub.add_parser("simuleer", help="what-if: another policy over history, workload per aanpak side by side")
    sim.add_argument("--landing", required=True)
    sim.add_argument("--beleid", required=True, help="the policy file to try, e.g. policies/oost_gelre.yaml")
    sim.add_argument("--gemeente", required=True, help="gemeentecode, e.g. 0546")
    sim.add_argument("--van", type=_month)
    sim.add_argument("--tot", type=_month)
    sim.add_argument("--per-maand", action="store_true", help="also print every month")
    sim.add_argument("--beleidsmap", default=None, help="folder with the gemeenten's own policies (default: policies/)")
    sim.set_defaults(func=cmd_simuleer)

    clean = sub.add_parser("opschonen", help="delete personal data past the policy's retention period; keep the statistics")
    clean.add_argument("--out", required=True)
    clean.add_argument("--peildatum", help="YYYY-MM-DD (default: today)")
    clean.set_defaults(func=cmd_opschonen)

    rot = sub.add_parser("sleutel-roteren", help="rebuild every pseudonymous key under a new key (old key in VROEGSIGNAAL_OUDE_SLEUTEL)")
    rot.add_argument("--out", required=True)
    rot.set_defaults(func=cmd_sleutel_roteren)

    ddas = sub.add_parser("ddas", help="the DDAS v1.2 delivery of one gemeente for a period (validated JSON, private)")
    ddas.add_argument("--out", required=True)
    ddas.add_argument("--gemeente", required=True)
    ddas.add_argument("--van", type=_month, required=True)
    ddas.add_argument("--tot", type=_month, required=True)
    ddas.add_argument("--leverancier", required=True, help="codeGegevensleverancier")
    ddas.add_argument("--client", choices=("bsn", "adres"), default="bsn",
                      help="client by BSN when known (default; CBS) or by address when known (reads back with the address)")
    ddas.set_defaults(func=cmd_ddas)

    rap = sub.add_parser("rapport", help="rebuild the HTML reports from the publication (OUT/rapport/)")
    rap.add_argument("--out", required=True)
    rap.add_argument("--gemeente", action="append", help="gemeentecode; repeatable; default every gemeente")
    rap.set_defaults(func=cmd_rapport)

    eff = sub.add_parser("effect", help="Vaker erop af? time to the next melding, reach by attempt, hazard ratios")
    eff.add_argument("--out", required=True)
    eff.add_argument("--gemeente", default=None, help="gemeentecode (default: all gemeenten together)")
    eff.set_defaults(func=cmd_effect)

    demo = sub.add_parser("demo", help="generate demo exports, run the pipeline, print the summary")
    demo.add_argument("--dir", default="demo")
    demo.add_argument("--seed", type=int, default=42)
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Dagster flags preview/beta parameters at import; users of the CLI need not see that.
    warnings.filterwarnings("ignore", module=r"dagster\..*")
    warnings.filterwarnings("ignore", message=r".*(beta|preview|deprecated).*")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
