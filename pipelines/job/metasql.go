//go:build duckdb_arrow

package job

import (
	"embed"

	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// The statements over the ledger and the snapshots (schema meta), one a
// file in sql/meta/, numbered in the order they were written: not a run
// order like the marts'. A file that needs a name filled in at run time
// is a SQL template (warehouse.ExpandSQL).
//
//go:embed sql/meta/*.sql
var metaFS embed.FS

// metaSQL returns the embedded statement sql/meta/name.
func metaSQL(name string) string {
	b, err := metaFS.ReadFile("sql/meta/" + name)
	if err != nil {
		panic(err) // the files are embedded: a missing one is a build error (TestSQLFiles)
	}
	return string(b)
}

// metaTemplate expands the SQL template sql/meta/name on data.
func metaTemplate(name string, data any) (string, error) {
	return warehouse.ExpandSQL("sql/meta/"+name, metaSQL(name), data, nil)
}
