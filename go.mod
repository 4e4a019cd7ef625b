module github.com/casebook-project/casebook

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	golang.org/x/text v0.40.0
)
