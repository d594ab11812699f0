module github.com/corskit/corskit/tools/release

go 1.21
