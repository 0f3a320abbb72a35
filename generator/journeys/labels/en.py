"""English labels: the source every other language translates, key for key.

Keys are stable ids (code and templates name them; ``labels:`` in mkdocs.yml overrides
them). ``{name}`` fields are filled in by the code; a key ending ``_one`` / ``_other``
is chosen by a count (see :meth:`journeys.labels.Labels.count`).
"""

# ruff: noqa: E501 (one label per line reads best; labels are data)
from __future__ import annotations

LABELS: dict[str, str] = {
    # -- the diagram ------------------------------------------------------------------------
    "lane_steps": "Steps",
    "lane_actions": "Actions",
    "lane_thoughts": "Thoughts",
    "lane_emotions": "Emotions",
    "lane_pain_points": "Pain points",
    "lane_opportunities": "Opportunities",
    "lane_backstage": "Backstage",
    "scale_very_negative": "Very negative",
    "scale_negative": "Negative",
    "scale_neutral": "Neutral",
    "scale_positive": "Positive",
    "scale_very_positive": "Very positive",
    "moment_of_truth": "Moment of truth",
    "diagram_title": "Journey map: {title}",
    "subtitle_current": "Current state",
    "subtitle_future": "Future state",
    "subtitle_drawn_over": "{state}, drawn over '{title}' (faded)",
    "subtitle_improves": "{state}, improves '{map}'",
    "legend_before": "{title} (before)",
    "pain_severity": "{text} ({level} severity)",
    "rating_impact": "impact {level}",
    "rating_effort": "effort {level}",
    "rated": "{text} ({ratings})",
    # -- the diagram's description for screen readers ---------------------------------------
    "summary_current": "Current-state journey map \u201c{title}\u201d: {stages} ({names}) with {steps}.",
    "summary_future": "Future-state journey map \u201c{title}\u201d: {stages} ({names}) with {steps}.",
    "n_stages_one": "{n} stage",
    "n_stages_other": "{n} stages",
    "n_steps_one": "{n} step",
    "n_steps_other": "{n} steps",
    "summary_no_scores": "{name} has no emotion scores.",
    "summary_flat": "{name} feels {score} throughout.",
    "summary_range": "{name} is lowest at {lowest} and highest at {highest}.",
    "summary_moment": "\u201c{step}\u201d ({stage}, {score})",
    "summary_score": "{score}, {label}",
    "summary_moments": "Moments of truth: {names}.",
    "summary_detail": "\u201c{step}\u201d in \u201c{map}\u201d",
    "summary_details": "Steps detailed in maps of their own: {items}.",
    "summary_compare": "The faded lines show the same personas in \u201c{title}\u201d, matched by step.",
    "list_separator": ", ",
    # -- values shown to readers --------------------------------------------------------------
    "state_current": "current",
    "state_future": "future",
    "status_draft": "draft",
    "status_review": "review",
    "status_approved": "approved",
    "level_low": "low",
    "level_medium": "medium",
    "level_high": "high",
    "severity_error": "error",
    "severity_warning": "warning",
    "badge_severity": "severity: {level}",
    "badge_impact": "impact: {level}",
    "badge_effort": "effort: {level}",
    "none": "\u2014",
    # -- map pages ------------------------------------------------------------------------------
    "personas": "Personas",
    "state": "State",
    "status": "Status",
    "owner": "Owner",
    "tags": "Tags",
    "last_change": "Last change",
    "updated": "Updated",
    "changed_by": "{date} by {author}",
    "improves_current": "This future-state map improves on the current-state map:",
    "future_version": "Future-state version:",
    "part_of": "Part of",
    "part_of_intro": "Part of:",
    "figure_caption": "Journey diagram of \u201c{title}\u201d: {stages}, {steps} and the emotion line of each persona.",
    "figure_more": "Every step is also described below.",
    "download_svg": "Download the diagram (SVG)",
    "narrative": "Narrative",
    "goal": "Goal:",
    "all_maps": "All journey maps",
    "details": "Details",
    "touchpoint": "Touchpoint",
    "channel": "Channel",
    "actions": "Actions",
    "thoughts": "Thoughts",
    "emotion": "Emotion",
    "feeling": "Feeling",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "backstage": "Backstage",
    "evidence": "Evidence",
    "emotion_score": "{score} ({label})",
    "map_has_errors": "Map \u201c{id}\u201d has errors",
    "map_has_errors_title": "{id} (has errors)",
    "map_left_out": "This map is left out of the site until these are fixed; the page updates when you save.",
    # -- persona pages ----------------------------------------------------------------------------
    "profile": "Profile",
    "goals": "Goals",
    "frustrations": "Frustrations",
    "behaviours": "Behaviours",
    "channels": "Channels",
    "about": "About {name}",
    "journeys": "Journeys",
    "map": "Map",
    "in_no_map": "{name} appears in no journey map yet.",
    "sparkline_none": "No emotion scores recorded",
    "sparkline": "Emotion over {steps}: starts at {first}, ends at {last}, lowest {lowest} at \u201c{step}\u201d",
    # -- the catalogue and roll-ups ---------------------------------------------------------
    "catalogue_title": "Journey maps",
    "nav_section": "Journeys",
    "n_errors_one": "{n} error in the content.",
    "n_errors_other": "{n} errors in the content.",
    "left_out": "Left out until fixed: {paths}.",
    "n_warnings_one": "{n} warning",
    "n_warnings_other": "{n} warnings",
    "n_maps_one": "{n} journey map",
    "n_maps_other": "{n} journey maps",
    "n_personas_one": "{n} persona",
    "n_personas_other": "{n} personas",
    "journey_tree": "Journey tree",
    "tree_link_after": ": the maps by the steps they detail.",
    "rollup_links": "Journey roll-ups",
    "all_maps_link": "All maps",
    "opportunity_backlog": "Opportunity backlog",
    "metrics": "Metrics",
    "no_channels": "No step names a channel yet.",
    "no_tags": "No map or persona has tags yet.",
    "tagged_persona": "Persona:",
    "persona": "Persona",
    "pain_point": "Pain point",
    "severity": "Severity",
    "step": "Step",
    "opportunity": "Opportunity",
    "impact": "Impact",
    "effort": "Effort",
    "quadrant": "Quadrant",
    "pain_points_intro_one": (
        "{n} pain point across all maps, most severe first; among equally severe ones, the step where "
        "the persona feels worst comes first. Emotion is the lowest score any persona gives that step. "
        "State says whether the map is the journey as it is (current) or as it should be (future)."
    ),
    "pain_points_intro_other": (
        "{n} pain points across all maps, most severe first; among equally severe ones, the step where "
        "the persona feels worst comes first. Emotion is the lowest score any persona gives that step. "
        "State says whether the map is the journey as it is (current) or as it should be (future)."
    ),
    "filter_all": "All",
    "filter_show_all": "Show all",
    "filter_count": "Showing {shown} of {total} {noun}",
    "noun_pain_points": "pain points",
    "noun_opportunities": "opportunities",
    "opportunities_intro_one": (
        "{n} opportunity across all maps: {rated} rated for both impact and effort, drawn on the matrix "
        "and listed first; {unrated} without both ratings, listed apart."
    ),
    "opportunities_intro_other": (
        "{n} opportunities across all maps: {rated} rated for both impact and effort, drawn on the matrix "
        "and listed first; {unrated} without both ratings, listed apart."
    ),
    "impact_and_effort": "Impact and effort",
    "quick_wins_means": "high impact, low or medium effort.",
    "big_bets_means": "high impact, high effort.",
    "money_pits_means": "high effort without high impact.",
    "fillers_means": "neither high.",
    "matrix_points_caption": (
        "A filled point is on a current-state map, a hollow one on a future-state map; each links to its step."
    ),
    "rated_opportunities": "Rated opportunities",
    "rated_order": "Highest impact first, then least effort.",
    "not_rated": "Not rated",
    "not_rated_intro_one": (
        "{n} opportunity has no impact or no effort rating, so it is not on the matrix. "
        "Give each {impact} and {effort} ({low}, {medium} or {high}) to place it."
    ),
    "not_rated_intro_other": (
        "{n} opportunities have no impact or no effort rating, so they are not on the matrix. "
        "Give each {impact} and {effort} ({low}, {medium} or {high}) to place it."
    ),
    "quadrant_quick_wins": "Quick wins",
    "quadrant_big_bets": "Big bets",
    "quadrant_fillers": "Fillers",
    "quadrant_money_pits": "Money pits",
    "matrix_title": "Opportunity matrix: impact against effort",
    "matrix_counts": "quick wins {quick_wins}, big bets {big_bets}, fillers {fillers}, money pits {money_pits}",
    "matrix_description": (
        "{n} opportunities rated for impact and effort, by quadrant: {counts}. Impact rises upwards, "
        "effort to the right; only a high rating counts as high. Each point links to its step; the same "
        "opportunities are listed below."
    ),
    "matrix_point": "{text} ({where}): impact {impact}, effort {effort}",
    "matrix_more": "+ {n} more in the list below",
    "matrix_impact_axis": "Impact \u2192",
    "matrix_effort_axis": "Effort \u2192",
    # -- metrics ------------------------------------------------------------------------------
    "metric": "Metric",
    "value": "Value",
    "target": "Target",
    "against_target": "Against target",
    "measured": "Measured",
    "not_judged": "not judged",
    "whole_journey": "Whole journey",
    "on_target": "on target",
    "off_target": "off target",
    "lower_is_better": "lower is better",
    "higher_is_better": "higher is better",
    "metric_against": "{value} against a target of {target}",
    "metric_units": "{text} (in different units)",
    "metric_direction": "{text}, {direction}",
    "metric_status": "{text}: {status}",
    "metrics_intro_one": (
        "{n} metric across all maps: off target first, the furthest from its target first; then metrics "
        "that cannot be judged (text rather than a number, no target, or no {direction}); then those on target."
    ),
    "metrics_intro_other": (
        "{n} metrics across all maps: off target first, the furthest from its target first; then metrics "
        "that cannot be judged (text rather than a number, no target, or no {direction}); then those on target."
    ),
    # -- the journey tree ------------------------------------------------------------------------
    "tree_intro": (
        "Every journey map under the maps whose steps it details (see {detail} in the source format). "
        "Maps that detail no step are at the top; a map that details steps of several maps is shown "
        "under each of them."
    ),
    "future_state_badge": "future state",
    "detail_of": "\u2014 detail of",
    "tree_repeated": "(its detail maps are shown above)",
    "no_maps": "No journey maps yet.",
    "marker_tooltip": "{name}: {score} at {step}",
    "compare_line": "{name} before, in “{title}”",
    "detailed_in": "Detailed in: {title}",
    "download_pain_points_csv": "Download the pain points as a spreadsheet (CSV)",
    "download_opportunities_csv": "Download the opportunities as a spreadsheet (CSV)",
    "catalogue_summary": "{maps} and {personas}.",
    "noun_maps": "maps",
    "maps_table": "Journey maps table",
    "tag": "Tag",
    "updated_note": "(updated)",
    "not_on_map": "not on this map",
    "evidence_gaps": "Evidence gaps",
    "personas_and_maps": "Personas and maps",
    "personas_and_maps_table": "Personas and maps table",
    "persona_matrix_intro": "Which persona appears on which map: a row per map, a column per persona. Each filled cell shows that persona's emotion line on the map and links to it.",
    "no_persona_on_maps": "No map names a persona yet.",
    "open_map": "Open the map",
    "full_stop": ".",
    "without_evidence": "Without evidence:",
    "evidence_intro": "Steps with at least one {evidence} entry (a usability test, analytics, a support log) rest on research; the others on what the team believes.",
    "evidence_overall_one": "Across {n} map: {coverage} have evidence.",
    "evidence_overall_other": "Across {n} maps: {coverage} have evidence.",
    "evidence_gap_maps_one": "{n} map has steps without evidence, listed below with the least supported map first.",
    "evidence_gap_maps_other": "{n} maps have steps without evidence, listed below with the least supported map first.",
    "every_step_has_evidence": "Every step has evidence",
    "steps_without_evidence": "steps without evidence",
    "evidence_coverage_one": "{supported} of {n} step ({percent} %)",
    "evidence_coverage_other": "{supported} of {n} steps ({percent} %)",
    "evidence_coverage_empty": "0 of 0 steps",
    "no_evidence": "No evidence",
    "summary_evidence": "Evidence: {coverage}.",
    "summary_evidence_gaps": "Evidence: {coverage}; marked “{mark}”: {steps}.",
    "quoted": "“{text}”",
    "persona_text": "{who}: {text}",
    "no_evidence_title": "No research evidence recorded for this step",
    "preview_errors": "The preview has errors; fix them and it rebuilds:",
    "preview_more": "and {n} more (see the terminal)",
    "sentence_separator": " ",
    # -- dates ------------------------------------------------------------------------------------
    "date": "{day} {month} {year}",
    "day_first": "1",
    "month_1": "January",
    "month_2": "February",
    "month_3": "March",
    "month_4": "April",
    "month_5": "May",
    "month_6": "June",
    "month_7": "July",
    "month_8": "August",
    "month_9": "September",
    "month_10": "October",
    "month_11": "November",
    "month_12": "December",
}
