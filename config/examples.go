package config

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed scenarios/*.yaml
var scenarioFS embed.FS

// ExampleScenarios lists the names of the example scenarios shipped in
// config/scenarios/ (embedded in the binary).
func ExampleScenarios() []string {
	ents, _ := fs.ReadDir(scenarioFS, "scenarios")
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return out
}

// ExampleScenario parses an embedded example scenario by name.
func ExampleScenario(name string) (*Scenario, error) {
	b, err := ExampleScenarioText(name)
	if err != nil {
		return nil, err
	}
	return ParseScenario("config/scenarios/"+name+".yaml", b)
}

// ExampleScenarioText returns an embedded example scenario's file, as
// written (the workbench offers it to start from).
func ExampleScenarioText(name string) ([]byte, error) {
	b, err := scenarioFS.ReadFile("scenarios/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("config: no example scenario %q (have %s)", name, strings.Join(ExampleScenarios(), ", "))
	}
	return b, nil
}
