-- matched_employed: more matched than employed.
SELECT _row, matched, employed FROM {{rel "outcomes"}} WHERE {{num "matched"}} > {{num "employed"}}
