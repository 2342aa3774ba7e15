"""The numbers the synthetic world is tuned to (Divosa monitor 2023/2024, the seed slides).

Every constant the generator draws from lives here, so a change in calibration is a change
in one file. Types are indexed as in TYPES throughout the package.
"""

from __future__ import annotations

import numpy as np

# --- signaalpartners (DDAS EnumSignaalpartner labels) ---------------------------------------
TYPES = ("Zorg", "Huur", "Energie", "Water", "CAK Zorgverzekeringen", "Overige")
ZORG, HUUR, ENERGIE, WATER, CAK, OVERIGE = range(6)
#: share of signals per type (H1 2024: zorg 41%, huur 20%, energie 20%, drinkwater 18%)
TYPE_MIX = np.array([0.41, 0.20, 0.20, 0.18, 0.006, 0.004])
#: weights for the 2nd..nth signal of a meervoudige melding, drawn without the first type;
#: corrected so that the overall mix still matches TYPE_MIX
EXTRA_TYPE_WEIGHTS = np.array([1.50, 0.20, 0.20, 0.18, 0.004, 0.003])
ID_PREFIX = ("ZORG", "HUUR", "ENERGIE", "WATER", "CAK", "OVERIG")
KLANT_PREFIX = ("ZV", "HU", "EN", "WB", "CAK", "OV")

# --- volume -----------------------------------------------------------------------------------
#: signals per 1000 inhabitants per month (2024); Leiden and Oost Gelre use their own figures
SIGNALEN_PER_1000 = 4.4
#: relative volume per calendar month (mean 1)
SEASON = np.array([1.04, 0.98, 1.08, 1.00, 0.99, 0.95, 0.90, 0.93, 1.01, 1.05, 1.02, 1.05])
SEASON = SEASON / SEASON.mean()
#: compensates episodes cut short by MAX_SPAN (measured, see tests/synthetic)
VOLUME_CORRECTION = 1.015

# --- households and their meldingen (the recurrence model) -----------------------------------
KINDS = ("eenmalig", "incidenteel", "chronisch")
EENMALIG, INCIDENTEEL, CHRONISCH = range(3)
KIND_P = np.array([0.697, 0.22, 0.083])
#: number of meldingen in a household's episode, per kind: (values, weights)
_geo = 0.17 * (1 - 0.17) ** np.arange(17)
EPISODE_LENGTH = (
    (np.array([1]), np.array([1.0])),
    (np.array([2, 3, 4]), np.array([0.5, 0.3, 0.2])),
    (np.arange(4, 21), _geo / _geo.sum()),
)
#: months between consecutive meldingen of one household, per kind: (values, weights)
EPISODE_GAP = (
    (np.array([1]), np.array([1.0])),
    (np.arange(1, 13), np.array([0.2, 0.2, 0.15, 0.12, 0.08, 0.07, 0.04, 0.04, 0.03, 0.03, 0.02, 0.02])),
    (np.arange(1, 9), np.array([0.6, 0.2, 0.1, 0.05, 0.02, 0.01, 0.01, 0.01])),
)
#: an episode ends at most this many months after it started, so a burn-in of BURN_IN months
#: before the window holds the whole history of every household seen in the window
MAX_SPAN = 35
BURN_IN = MAX_SPAN + 1
#: P(2+ signals at the address in a month) per kind, and the size of such a melding
P_MEERVOUDIG = np.array([0.08, 0.09, 0.17])
MEERVOUDIG_SIZE = (np.array([2, 3, 4]), np.array([0.78, 0.18, 0.04]))
#: P(the first signal of a melding comes from the household's usual creditor type), per kind
STICKINESS = np.array([0.0, 0.45, 0.55])

# --- amounts ------------------------------------------------------------------------------------
#: lognormal (median EUR, sigma) per type
AMOUNT_MEDIAN = np.array([375.0, 915.0, 430.0, 130.0, 1400.0, 270.0])
AMOUNT_SIGMA = np.array([0.85, 0.55, 0.80, 0.60, 0.50, 0.90])
#: share of small residual amounts (uniform SMALL_RANGE) per type, so the EUR 50 threshold bites
P_SMALL = np.array([0.05, 0.01, 0.04, 0.06, 0.0, 0.05])
SMALL_RANGE = (5.0, 50.0)
HOUSEHOLD_LEVEL_SIGMA = 0.30
#: amounts are clipped softly to (0.8..1.0) x this cap per type (EUR)
AMOUNT_CAP = np.array([6_000.0, 15_000.0, 10_000.0, 1_500.0, 12_000.0, 10_000.0])
TREND_SIGMA = 0.12  # per melding, log scale, for recurring households
TREND_MAX_STEPS = 8  # the trend stops growing after this many meldingen
#: days in arrears at signaaldatum: (low, high) per type
ARREARS_DAYS = np.array([[30, 100], [30, 95], [30, 150], [30, 120], [185, 420], [30, 180]])

# --- herhaalde meldingen (same creditor, same arrear) ----------------------------------------------
HERHAALD_WINDOW = 4  # months: a re-signal follows the earlier one within this many months
P_HERHAALD = np.array([0.30, 0.08, 0.30, 0.08, 0.27, 0.07])
#: amount change of a re-signal: up (factor range), same, down (factor range)
HERHAALD_CHANGE_P = np.array([0.5, 0.2, 0.3])
HERHAALD_UP = (1.05, 1.6)
HERHAALD_DOWN = (0.55, 0.95)

# --- flags ----------------------------------------------------------------------------------------
#: eindeleveringssignalen are about 25% of energy signals (2024); more likely when the signal
#: re-signals an earlier energy arrear, so new arrears get the lower rate
P_CRISIS_ENERGIE_HERHAALD = 0.5
P_CRISIS_ENERGIE_NIEUW = 0.23
P_WARME_OVERDRACHT = np.array([0.02, 0.06, 0.03, 0.02, 0.0, 0.02])
#: P(the signal carries a BSN) per type: insurers have it, utilities often not
P_BSN = np.array([0.97, 0.70, 0.55, 0.50, 0.99, 0.60])
#: P(the signal carries a geboortedatum) per type
P_GEBOORTEDATUM = np.array([1.0, 0.9, 0.75, 0.7, 1.0, 0.8])

# --- persons ----------------------------------------------------------------------------------------
P_VROUW = 0.53
P_JONG = 0.12  # 18 up to 27
AGE_BINS = np.array([[27, 35], [35, 45], [45, 55], [55, 67], [67, 80], [80, 91]])
AGE_BIN_P = np.array([0.22, 0.24, 0.22, 0.20, 0.09, 0.03])
P_PARTNER = 0.35
P_PARTNER_DEBTOR = 0.30  # zorg/CAK signals about the partner's own policy
P_PHONE = 0.65
P_EMAIL = 0.55
P_TOEVOEGING = 0.10
TOEVOEGINGEN = ("A", "B", "C", "1", "2", "3", "hs", "bis")
TOEVOEGING_P = np.array([0.25, 0.2, 0.05, 0.15, 0.12, 0.05, 0.13, 0.05])
HUISNUMMERS = 60  # house numbers 1..60 per postcode

# --- defects ------------------------------------------------------------------------------------------
DEFECT_KINDS = (
    "invalid_postcode",
    "invalid_date",
    "negative_amount",
    "absurd_amount",
    "unknown_type",
    "invalid_bsn",
    "empty_id",
    "duplicate",
    "conflicting_id",
)
