module github.com/corskit/corskit/examples

go 1.21
