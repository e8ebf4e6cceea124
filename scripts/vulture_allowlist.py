"""Names vulture reports that are used where it cannot see (``make lint`` passes this file).

Each entry says why it stays. Dead code waiting for its owner is marked ``DEAD`` with the
owner: delete the entry together with the code.
"""
# ruff: noqa
# mypy: ignore-errors

_ = object()

# Fields of frozen records that reach people through templates, JSON (asdict) or data files.
_.elector_turnout_percent  # elections/official.py: a published figure kept with the result
_.bin_width, _.window, _.peak_turnout  # forensics/shpilkin.py: a variant's parameters, in JSON
_.iso_3166_2  # geo/regions.py: read from regions.yaml, the region's standard code
_.derived  # law/model.py: marks a parameter computed from others (law/derived.py sets it)
_.true_support  # simulate/election.py: the generating truth, kept beside the votes
_.integer_excess, _.integer_null_sd  # simulate/sweep.py: written to the sweep's table
_.table_size, _.fingerprint_svg, _.histograms_png, _.digits_svg  # web/forensics_pages.py
_.flush_task  # administration/store/repository.py: holds the task so it is not collected
_._begin  # administration/store/engine.py: an SQLAlchemy event listener
_.p1b  # tests/administration/test_api.py: a fixture's attribute
_.pytestmark  # tests/web/test_browser.py: read by pytest

_.is_eager  # cli/app.py: click reads the copied --lang option's flag
_.render  # cli/progress.py: rich calls a column's render
_.__getattr__  # kazpolity/__init__.py: the module's lazy attribute hook (PEP 562)
_.NO_MINIMUM  # elections/kazakh_lists.py: an enum member, read by value from the rulebook
_.CAST  # elections/threshold.py: an enum member, read by value from the rulebook
_.FAIL  # elections/threshold.py: an enum member, read by value from the rulebook
_.format_field  # presentation/steps.py: string.Formatter calls it
_.row_factory  # tests/administration/test_trust.py: sqlite3 reads it

# Keys of the faces' JSON shapes: fields of the API's response models (api/models.py) and of
# the presentation TypedDicts, read by pydantic and json, never by attribute.
_.audit, _.central_protocol, _.commission_prev, _.content_hash, _.final_allocation  # api
_.from_, _.to, _.reported_text, _.reproduction  # api/models.py
_.composition_by_kind, _.composition_by_party, _.president_elected, _.votes_got  # institutions
_.legal_gap, _.needed_percent_more_than, _.shares_percent  # presentation/election_json.py
_.handle_starttag, _.handle_endtag, _.handle_data  # tests/text_language.py: HTMLParser calls them
