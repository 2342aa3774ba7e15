"""vroegsignaal: the monthly pipeline for vroegsignalering schulden."""
