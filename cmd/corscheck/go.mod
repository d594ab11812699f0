module github.com/corskit/corskit/cmd/corscheck

go 1.21
