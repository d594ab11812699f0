module github.com/corskit/corskit/tools/release

go 1.21

require golang.org/x/mod v0.20.0
