"""Exports for people and partners outside the warehouse.

- `werkvoorraad`: the caseworkers' monthly worklist (XLSX + CSV per gemeente per month) and
  reading the filled-in contact attempts back.
- `ddas`: the DDAS Vroegsignalering v1.2 delivery (JSON) for the monitor/CBS.

These files hold personal data: folders are created 0700, files 0600 (see `files`), and the
modules log only counts and file names.
"""
