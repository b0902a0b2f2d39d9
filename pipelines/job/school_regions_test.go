//go:build duckdb_arrow

package job

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/vocmap/vocmap/pipelines/warehouse"
)

type schoolRegionRow struct {
	School   string `col:"school_code"`
	City     string `col:"city_code"`
	Province string `col:"province_code"`
}

// TestSchoolRegionsFollow holds DuckDB to what migration 008 relies on:
// the view school_regions reads the snapshot that the querying
// connection's temporary views (snapshotViews) shadow the contract's
// names with, and the current snapshot elsewhere. School S is in county
// 140105 of Taiyuan (140100) in snapshot 1 and in Datong (140200, a city)
// in snapshot 2, the current one, which also adds school T in 140105.
func TestSchoolRegionsFollow(t *testing.T) {
	ctx := t.Context()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, q := range []string{
		`INSERT INTO meta.snapshots VALUES (1, now(), 'a', '1.2', false), (2, now(), 'b', '1.2', true)`,
		`INSERT INTO snap.regions SELECT s, r.* FROM (VALUES (1), (2)) AS n(s), (VALUES
			('140000', '山西省', NULL, 'province'), ('140100', '太原市', '140000', 'city'),
			('140105', '小店区', '140100', 'county'), ('140200', '大同市', '140000', 'city')) AS r`,
		`INSERT INTO snap.schools VALUES (1, 'S', '甲校', '140105', 'secondary', 'public', NULL),
			(2, 'S', '甲校', '140200', 'secondary', 'public', NULL), (2, 'T', '乙校', '140105', 'higher', 'public', 900)`,
	} {
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	read := func(conn *sql.Conn) string {
		rows, err := warehouse.ReadRows[schoolRegionRow](ctx, conn, `SELECT school_code, city_code, province_code FROM school_regions ORDER BY ALL`)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	const snap1 = "[{S 140100 140000}]"
	const snap2 = "[{S 140200 140000} {T 140100 140000}]"
	c1, err := w.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := w.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if got := read(c1); got != snap2 {
		t.Errorf("no snapshot views: %s, want the current snapshot %s", got, snap2)
	}
	drop1, err := snapshotViews(ctx, c1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(c1); got != snap1 {
		t.Errorf("snapshot 1's views: %s, want %s", got, snap1)
	}
	if got := read(c2); got != snap2 {
		t.Errorf("another connection meanwhile: %s, want the current snapshot %s", got, snap2)
	}
	drop2, err := snapshotViews(ctx, c2, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer drop2()
	if got := read(c2); got != snap2 {
		t.Errorf("snapshot 2's views: %s, want %s", got, snap2)
	}
	drop1()
	if got := read(c1); got != snap2 {
		t.Errorf("after the views are dropped: %s, want the current snapshot %s", got, snap2)
	}
}
