module github.com/sfcheck/sfcheck

go 1.25.0

require (
	github.com/beevik/etree v1.8.1
	github.com/fatih/color v1.19.0
	github.com/mattn/go-isatty v0.0.20
	github.com/spf13/pflag v1.1.0
)

require (
	github.com/mattn/go-colorable v0.1.14 // indirect
	golang.org/x/sys v0.42.0 // indirect
)
