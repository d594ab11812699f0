package demo

import (
	"log"
	"net"
)

// Listen listens on addr and logs the URL it serves, with the port the
// system chose when addr ends in ":0", so that a script or a test can wait
// for the line "listening on http://HOST:PORT" and then connect.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	log.Printf("listening on http://%s", ln.Addr())
	return ln, nil
}
