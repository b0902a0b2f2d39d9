//go:build !duckdb_arrow

package job

// vocmap moves data between Go and DuckDB as Arrow through duckdb-go's
// Arrow interface, which is compiled only with the build tag duckdb_arrow.
// Build with `make`, or pass `-tags duckdb_arrow` to go build/test/run.
var _ = build_with_tag_duckdb_arrow_see_README
