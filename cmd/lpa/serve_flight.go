package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"

	"lpa/pipeline/flightsrv"
	"lpa/pipeline/query"
	"lpa/pipeline/web"
)

// flightEndpoint is lpa serve's Arrow Flight SQL listener; nil when the
// configuration turns it off (its methods then do nothing).
type flightEndpoint struct {
	srv *flightsrv.Server
	ln  net.Listener
}

// startFlight listens for Flight SQL clients on addr ("": none) with the
// service's session and token.
func startFlight(addr string, sess *query.Session, token string, log *slog.Logger) (*flightEndpoint, error) {
	if addr == "" {
		return nil, nil
	}
	srv, err := flightsrv.New(flightsrv.Config{Session: sess, Token: token, Version: version(), Logger: log})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for Flight SQL on %s: %w (flight_listen in the configuration; \"\" turns it off)", addr, err)
	}
	return &flightEndpoint{srv: srv, ln: ln}, nil
}

// url is the endpoint's address as a line of the address file.
func (f *flightEndpoint) url() string {
	if f == nil {
		return ""
	}
	return "grpc://" + f.ln.Addr().String() + "\n"
}

// announce says where clients find the endpoint.
func (f *flightEndpoint) announce(out io.Writer, configured string) {
	if f == nil {
		return
	}
	fmt.Fprintf(out, "lpa serve: Arrow Flight SQL on %s (the same token; docs/flight-sql.md)\n", f.url()[:len(f.url())-1])
	if !web.IsLoopback(configured) {
		fmt.Fprintf(out, "lpa serve: Flight SQL listens beyond this machine (%s) without TLS: put it behind a TLS proxy\n", configured)
	}
}

func (f *flightEndpoint) serve() error { return f.srv.Serve(f.ln) }

func (f *flightEndpoint) stop() {
	if f != nil {
		f.srv.Stop()
	}
}

// close drops the listener of an endpoint that never served.
func (f *flightEndpoint) close() {
	if f != nil {
		f.ln.Close()
	}
}
