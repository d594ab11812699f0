// Command browser serves the CORS demo page from a second origin. The page
// calls an example API server with fetch() and shows, request by request,
// whether the browser let JavaScript read the answer.
//
//	go run ./examples/chi -addr 127.0.0.1:8080
//	go run ./examples/browser -addr 127.0.0.1:8081 -api http://127.0.0.1:8080
//
// then open http://127.0.0.1:8081/. The page's ?api= parameter overrides
// -api, so one page server can drive several API servers.
package main

import (
	"embed"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
)

//go:embed static
var static embed.FS

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "listen `address` (the page's origin)")
	api := flag.String("api", "http://127.0.0.1:8080", "`URL` of the API server the page calls")
	flag.Parse()

	if u, err := url.Parse(*api); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(os.Stderr, "error: -api %q is not an http(s) URL such as http://127.0.0.1:8080\n", *api)
		os.Exit(2)
	}

	files, _ := fs.Sub(static, "static")
	mux := http.NewServeMux()
	mux.Handle("GET /", http.FileServerFS(files))
	// config.js hands -api to the page without a build step or a template.
	mux.HandleFunc("GET /config.js", func(w http.ResponseWriter, r *http.Request) {
		v, _ := json.Marshal(*api)
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, "window.DEFAULT_API = %s;\n", v)
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("calling the API at %s", *api)
	log.Printf("listening on http://%s", ln.Addr())
	log.Fatal(http.Serve(ln, mux))
}
