-- inprov_employed: more employed in the province than employed.
SELECT _row, employed_in_province, employed FROM {{rel "outcomes"}} WHERE {{num "employed_in_province"}} > {{num "employed"}}
