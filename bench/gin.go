package bench

import (
	"net/http"
	"time"

	gincors "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	rsgin "github.com/rs/cors/wrapper/gin"

	corsgin "github.com/corskit/corskit/adapters/gin"
)

func ginRouter(ran *int, mw ...gin.HandlerFunc) Server {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(mw...)
	h := func(c *gin.Context) {
		*ran++
		c.Status(http.StatusOK)
	}
	for _, m := range RouteMethods {
		r.Handle(m, Path, h)
	}
	return newHTTPServer(r)
}

func ginFramework() Framework {
	return Framework{
		Name: "Gin", Title: "gin", Router: "github.com/gin-gonic/gin",
		Impls: []Impl{
			{Name: "corskit", Role: Corskit, Module: "github.com/corskit/corskit/adapters/gin", Title: "corsgin",
				New: func(ran *int) Server { return ginRouter(ran, corsgin.Must(Policy())) }},
			{Name: "gin-contrib-cors", Role: Peer, Module: "github.com/gin-contrib/cors", Title: "gin-contrib/cors",
				Config: "AllowWildcard: true for the pattern",
				New: func(ran *int) Server {
					return ginRouter(ran, gincors.New(gincors.Config{
						AllowOrigins:     Origins(),
						AllowWildcard:    true,
						AllowMethods:     Methods,
						AllowHeaders:     Headers,
						ExposeHeaders:    Exposed,
						AllowCredentials: true,
						MaxAge:           time.Duration(MaxAge) * time.Second,
					}))
				}},
			{Name: "rs-cors-gin", Role: Peer, Module: "github.com/rs/cors/wrapper/gin", Title: "rs/cors/wrapper/gin",
				New: func(ran *int) Server {
					return ginRouter(ran, rsgin.New(rsgin.Options{
						AllowedOrigins:   Origins(),
						AllowedMethods:   Methods,
						AllowedHeaders:   Headers,
						ExposedHeaders:   Exposed,
						AllowCredentials: true,
						MaxAge:           MaxAge,
					}))
				}},
			{Name: "none", Role: None, Title: "no middleware",
				New: func(ran *int) Server { return ginRouter(ran) }},
			{Name: "noop", Role: Noop, Title: "no-op middleware",
				New: func(ran *int) Server { return ginRouter(ran, func(c *gin.Context) { c.Next() }) }},
			{Name: "floor", Role: Floor, Title: "fixed headers (floor)",
				New: func(ran *int) Server {
					return ginRouter(ran, func(c *gin.Context) {
						if FloorHTTP(c.Writer.Header(), c.Request.Method) {
							c.AbortWithStatus(http.StatusNoContent)
							return
						}
						c.Next()
					})
				}},
		},
	}
}
