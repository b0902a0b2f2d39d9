package export

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestTemplateRulesPrint: the 说明 sheet of a template prints on one page
// width, landscape, with its long rules wrapped (it spread over four
// portrait pages, cut mid-sentence).
func TestTemplateRulesPrint(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteTemplates(dir); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "xlsx", "regions.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, err := f.GetPageLayout("说明")
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v", pl)
	}
	style, err := f.GetCellStyle("说明", "E3")
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(style)
	if err != nil || s.Alignment == nil || !s.Alignment.WrapText {
		t.Errorf("E3 not wrapped: %+v %v", s, err)
	}
}
