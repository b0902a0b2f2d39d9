// Package config is vocmap's typed configuration: the embedded defaults
// (defaults.yaml), an optional YAML file (vocmap.yaml, or the file named by
// --config), environment variables VOCMAP_<SECTION>_<KEY> and command-line
// flags, in that rising precedence, loaded with viper and validated once
// at start. Only this package and cmd/vocmap know viper; the rest of vocmap
// takes plain option structs built from Config.
package config
