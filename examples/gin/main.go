// Command gin serves the items API with gin and corskit's CORS middleware,
// attached to the whole engine with r.Use so that it answers preflights
// although no OPTIONS route exists.
//
//	go run ./examples/gin -addr 127.0.0.1:8080 -config cors.json
//
// Without -config it serves a built-in demo policy. kill -HUP reloads the
// -config file without a restart.
package main

import (
	"log"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	corsgin "github.com/corskit/corskit/adapters/gin"
	"github.com/corskit/corskit/examples/internal/demo"
)

func main() {
	// An Engine rather than corsgin.New(policy), so that SIGHUP can swap
	// the policy of the running middleware.
	addr, engine := demo.Setup()

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery())
	r.Use(corsgin.FromEngine(engine))

	items := demo.NewStore()
	r.GET("/api/items", func(c *gin.Context) {
		list := items.List()
		c.Header("X-Handler", "ran")
		c.Header("X-Request-Id", demo.RequestID())
		c.Header("X-Total-Count", strconv.Itoa(len(list)))
		c.JSON(http.StatusOK, list)
	})
	r.POST("/api/items", func(c *gin.Context) {
		c.Header("X-Handler", "ran")
		body, _ := c.GetRawData()
		created, err := items.Create(body)
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.Data(http.StatusCreated, "application/json", created)
	})
	r.PUT("/api/items/:id", func(c *gin.Context) {
		c.Header("X-Handler", "ran")
		body, _ := c.GetRawData()
		item, err := items.Replace(c.Param("id"), body)
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, item)
	})
	r.PATCH("/api/items/:id", func(c *gin.Context) {
		c.Header("X-Handler", "ran")
		body, _ := c.GetRawData()
		item, err := items.Update(c.Param("id"), body)
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, item)
	})
	r.DELETE("/api/items/:id", func(c *gin.Context) {
		c.Header("X-Handler", "ran")
		items.Delete(c.Param("id"))
		c.Status(http.StatusNoContent)
	})
	r.GET("/healthz", func(c *gin.Context) {
		c.Header("X-Handler", "ran")
		c.String(http.StatusOK, "ok")
	})

	ln, err := demo.Listen(addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(r.RunListener(ln))
}
