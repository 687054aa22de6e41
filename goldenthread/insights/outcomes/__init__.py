"""Outcome evaluation in the shape of the published LEAD evaluations (lead-domain.md 8 and
11.8): legal-system use before and after enrollment, within-person monthly housing, income
and employment, dose-response with contacts, and, when the site imports a comparison cohort,
a propensity-weighted logistic model. Each module computes one of these; `evaluation`
puts them together for a page."""
