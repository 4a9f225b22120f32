// Package flightsrv is lpa serve's Arrow Flight SQL endpoint: ADBC and JDBC
// Flight SQL clients (Python's adbc_driver_flightsql, R's adbcflightsql,
// DBeaver) query the live warehouse and receive Arrow record batches.
//
// Every statement runs through the same guarded read path as lpa sql and
// POST /api/sql (a query.Session: queries only, no file outside the
// warehouse, the time, memory and row limits of the service). Every call
// asks for the service's token, as a bearer token or as the password of
// a basic-auth handshake.
package flightsrv

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"lpa/pipeline/query"
)

// Limits of the endpoint's inputs.
const (
	// MaxMessageBytes is the largest request a client may send: a query
	// of query.MaxQueryBytes and its envelope.
	MaxMessageBytes = query.MaxQueryBytes + 64<<10
	// MaxStreams is the most calls one client connection runs at once.
	MaxStreams = 32
	// MaxPrepared is the most prepared statements kept open; the oldest
	// is closed when a new one comes past it.
	MaxPrepared = 256
)

// Config is what the endpoint serves.
type Config struct {
	Session *query.Session // the guarded read path with the service's limits
	Token   string         // the service's API token
	Version string         // lpa's version, for GetSqlInfo
	Logger  *slog.Logger
}

// Server is the Flight SQL endpoint.
type Server struct {
	flightsql.BaseServer
	sess *query.Session
	log  *slog.Logger

	mu       sync.Mutex
	prepared map[string]string // handle -> query
	order    []string          // handles, oldest first

	srv flight.Server
}

// New returns the endpoint; Serve starts it.
func New(cfg Config) (*Server, error) {
	if cfg.Session == nil || cfg.Token == "" {
		return nil, errors.New("flight sql: a session and a token are required")
	}
	s := &Server{sess: cfg.Session, log: cfg.Logger, prepared: map[string]string{}}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.Alloc = memory.DefaultAllocator
	if err := s.registerInfo(cfg.Version); err != nil {
		return nil, err
	}
	s.srv = flight.NewServerWithMiddleware(
		[]flight.ServerMiddleware{flight.CreateServerBasicAuthMiddleware(tokenValidator(cfg.Token))},
		grpc.MaxRecvMsgSize(MaxMessageBytes), grpc.MaxConcurrentStreams(MaxStreams))
	s.srv.RegisterFlightService(flightsql.NewFlightServer(s))
	return s, nil
}

// Serve answers on ln until Stop.
func (s *Server) Serve(ln net.Listener) error {
	s.srv.InitListener(ln)
	return s.srv.Serve()
}

// Stop stops accepting calls and waits for the running ones.
func (s *Server) Stop() { s.srv.Shutdown() }

// tokenValidator accepts the token as a bearer token, or as the password
// of a basic-auth handshake (any user name), which answers with the token.
type tokenValidator string

func (t tokenValidator) Validate(_, password string) (string, error) {
	if !t.equal(password) {
		return "", status.Error(codes.Unauthenticated, "wrong password: use lpa serve's API token (lpa serve --token)")
	}
	return string(t), nil
}

func (t tokenValidator) IsValid(bearer string) (any, error) {
	if !t.equal(bearer) {
		return nil, status.Error(codes.Unauthenticated, "wrong token: use lpa serve's API token (lpa serve --token)")
	}
	return "lpa", nil
}

func (t tokenValidator) equal(s string) bool {
	return subtle.ConstantTimeCompare([]byte(s), []byte(t)) == 1
}

// grpcError turns what the read path says into a gRPC status a client
// shows: a refused or malformed statement is the client's (InvalidArgument),
// a limit is ResourceExhausted or DeadlineExceeded.
func grpcError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	var usage query.ErrUsage
	switch {
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, query.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	case errors.Is(err, query.ErrMemory), errors.Is(err, query.ErrTooManyRows), errors.Is(err, query.ErrQueryTooLong):
		return status.Error(codes.ResourceExhausted, err.Error())
	case errors.Is(err, query.ErrRefused), errors.Is(err, query.ErrEmptyQuery), errors.As(err, &usage):
		return status.Error(codes.InvalidArgument, err.Error())
	}
	// What DuckDB says of a statement (a syntax error, an unknown column)
	// is the client's to fix too.
	return status.Error(codes.InvalidArgument, err.Error())
}

// stream runs q through the read path and streams its record batches:
// the schema (or the refusal) comes back first, the batches follow on the
// channel, which closes after the last one or an error.
func (s *Server) stream(ctx context.Context, q string) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	schemaCh := make(chan *arrow.Schema, 1)
	errCh := make(chan error, 1)
	ch := make(chan flight.StreamChunk, 4)
	go func() {
		defer close(ch)
		started := false
		err := s.sess.Batches(ctx, q, func(sc *arrow.Schema) error {
			started = true
			schemaCh <- sc
			return nil
		}, func(rec arrow.RecordBatch) error {
			rec.Retain()
			select {
			case ch <- flight.StreamChunk{Data: rec}:
				return nil
			case <-ctx.Done():
				rec.Release()
				return ctx.Err()
			}
		})
		switch {
		case err == nil:
		case !started:
			errCh <- err
		default:
			s.log.Info("flight sql: a query stopped", "err", err)
			select {
			case ch <- flight.StreamChunk{Err: grpcError(err)}:
			case <-ctx.Done():
			}
		}
	}()
	select {
	case sc := <-schemaCh:
		return sc, ch, nil
	case err := <-errCh:
		return nil, nil, grpcError(err)
	case <-ctx.Done():
		return nil, nil, grpcError(ctx.Err())
	}
}

// schemaOf is the schema of q's result: q wrapped to give no rows, or,
// where q is no SELECT that can be wrapped (SHOW, DESCRIBE, PIVOT, ...;
// and whatever the read path refuses), the schema of its own result, or
// the read path's refusal. Both go through the read path; whatever the
// wrapped query passes, DoGet runs q itself through it again.
func (s *Server) schemaOf(ctx context.Context, q string) (*arrow.Schema, error) {
	sc, err := s.firstSchema(ctx, query.ResultSchema(q))
	if err == nil {
		return sc, nil
	}
	sc, err = s.firstSchema(ctx, q)
	return sc, grpcError(err)
}

var errSchemaOnly = errors.New("schema only")

func (s *Server) firstSchema(ctx context.Context, q string) (*arrow.Schema, error) {
	var sc *arrow.Schema
	err := s.sess.Batches(ctx, q, func(got *arrow.Schema) error { sc = got; return errSchemaOnly },
		func(arrow.RecordBatch) error { return nil })
	if errors.Is(err, errSchemaOnly) {
		err = nil
	}
	return sc, err
}

// info is the FlightInfo of a command whose ticket is the command itself.
func (s *Server) info(desc *flight.FlightDescriptor, schema *arrow.Schema) *flight.FlightInfo {
	fi := &flight.FlightInfo{
		Endpoint:         []*flight.FlightEndpoint{{Ticket: &flight.Ticket{Ticket: desc.Cmd}}},
		FlightDescriptor: desc,
		TotalRecords:     -1,
		TotalBytes:       -1,
	}
	if schema != nil {
		fi.Schema = flight.SerializeSchema(schema, s.Alloc)
	}
	return fi
}

func (s *Server) registerInfo(version string) error {
	for id, v := range map[flightsql.SqlInfo]any{
		flightsql.SqlInfoFlightSqlServerName:         "lpa",
		flightsql.SqlInfoFlightSqlServerVersion:      version,
		flightsql.SqlInfoFlightSqlServerArrowVersion: "18",
		flightsql.SqlInfoFlightSqlServerReadOnly:     true,
		flightsql.SqlInfoFlightSqlServerSql:          true,
		flightsql.SqlInfoFlightSqlServerSubstrait:    false,
		flightsql.SqlInfoFlightSqlServerTransaction:  int32(0), // SQL_SUPPORTED_TRANSACTION_NONE
		flightsql.SqlInfoFlightSqlServerCancel:       false,
		flightsql.SqlInfoDDLCatalog:                  false,
		flightsql.SqlInfoIdentifierQuoteChar:         `"`,
		flightsql.SqlInfoSupportsColumnAliasing:      true,
		flightsql.SqlInfoCatalogTerm:                 "catalog",
		flightsql.SqlInfoSchemaTerm:                  "schema",
		flightsql.SqlInfoTransactionsSupported:       false,
	} {
		if err := s.RegisterSqlInfo(id, v); err != nil {
			return fmt.Errorf("flight sql info %d: %w", id, err)
		}
	}
	return nil
}
