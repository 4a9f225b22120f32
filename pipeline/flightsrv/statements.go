package flightsrv

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// readOnly is the answer to every call that would change the warehouse.
var readOnly = status.Error(codes.PermissionDenied,
	"lpa's Flight SQL endpoint runs queries only (SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, PIVOT, EXPLAIN) and never changes the warehouse")

// GetFlightInfoStatement checks the query with the read path (a refused
// statement is refused here, before any ticket) and answers with its
// schema and a ticket that holds the query.
func (s *Server) GetFlightInfoStatement(ctx context.Context, cmd flightsql.StatementQuery, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	if cmd.GetTransactionId() != nil {
		return nil, status.Error(codes.InvalidArgument, "lpa's Flight SQL endpoint has no transactions")
	}
	sc, err := s.schemaOf(ctx, cmd.GetQuery())
	if err != nil {
		return nil, err
	}
	tkt, err := flightsql.CreateStatementQueryTicket([]byte(cmd.GetQuery()))
	if err != nil {
		return nil, err
	}
	fi := s.info(desc, sc)
	fi.Endpoint[0].Ticket.Ticket = tkt
	return fi, nil
}

// GetSchemaStatement answers with the schema of the query's result.
func (s *Server) GetSchemaStatement(ctx context.Context, cmd flightsql.StatementQuery, _ *flight.FlightDescriptor) (*flight.SchemaResult, error) {
	sc, err := s.schemaOf(ctx, cmd.GetQuery())
	if err != nil {
		return nil, err
	}
	return &flight.SchemaResult{Schema: flight.SerializeSchema(sc, s.Alloc)}, nil
}

// DoGetStatement runs the ticket's query through the read path: whatever
// a client puts in a ticket meets the same guard.
func (s *Server) DoGetStatement(ctx context.Context, tkt flightsql.StatementQueryTicket) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return s.stream(ctx, string(tkt.GetStatementHandle()))
}

// CreatePreparedStatement keeps the query under a new handle once the
// read path accepts it, with its result's schema.
func (s *Server) CreatePreparedStatement(ctx context.Context, req flightsql.ActionCreatePreparedStatementRequest) (flightsql.ActionCreatePreparedStatementResult, error) {
	var res flightsql.ActionCreatePreparedStatementResult
	if req.GetTransactionId() != nil {
		return res, status.Error(codes.InvalidArgument, "lpa's Flight SQL endpoint has no transactions")
	}
	sc, err := s.schemaOf(ctx, req.GetQuery())
	if err != nil {
		return res, err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return res, err
	}
	handle := hex.EncodeToString(b)
	s.mu.Lock()
	s.prepared[handle] = req.GetQuery()
	s.order = append(s.order, handle)
	for len(s.order) > MaxPrepared {
		delete(s.prepared, s.order[0])
		s.order = s.order[1:]
	}
	s.mu.Unlock()
	return flightsql.ActionCreatePreparedStatementResult{Handle: []byte(handle), DatasetSchema: sc}, nil
}

// ClosePreparedStatement forgets a handle.
func (s *Server) ClosePreparedStatement(_ context.Context, req flightsql.ActionClosePreparedStatementRequest) error {
	handle := string(req.GetPreparedStatementHandle())
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.prepared[handle]; !ok {
		return status.Error(codes.NotFound, "no such prepared statement (closed, or dropped after 256 newer ones)")
	}
	delete(s.prepared, handle)
	for i, h := range s.order {
		if h == handle {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	return nil
}

func (s *Server) preparedQuery(handle []byte) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.prepared[string(handle)]
	if !ok {
		return "", status.Error(codes.NotFound, "no such prepared statement (closed, or dropped after 256 newer ones)")
	}
	return q, nil
}

// GetFlightInfoPreparedStatement answers with a ticket of the handle.
func (s *Server) GetFlightInfoPreparedStatement(_ context.Context, cmd flightsql.PreparedStatementQuery, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	if _, err := s.preparedQuery(cmd.GetPreparedStatementHandle()); err != nil {
		return nil, err
	}
	return s.info(desc, nil), nil
}

// GetSchemaPreparedStatement answers with the schema of the prepared
// query's result.
func (s *Server) GetSchemaPreparedStatement(ctx context.Context, cmd flightsql.PreparedStatementQuery, _ *flight.FlightDescriptor) (*flight.SchemaResult, error) {
	q, err := s.preparedQuery(cmd.GetPreparedStatementHandle())
	if err != nil {
		return nil, err
	}
	sc, err := s.schemaOf(ctx, q)
	if err != nil {
		return nil, err
	}
	return &flight.SchemaResult{Schema: flight.SerializeSchema(sc, s.Alloc)}, nil
}

// DoGetPreparedStatement runs the prepared query through the read path.
func (s *Server) DoGetPreparedStatement(ctx context.Context, cmd flightsql.PreparedStatementQuery) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	q, err := s.preparedQuery(cmd.GetPreparedStatementHandle())
	if err != nil {
		return nil, nil, err
	}
	return s.stream(ctx, q)
}

// DoPutPreparedStatementQuery would bind parameters: lpa's queries take
// none (write the values into the query).
func (s *Server) DoPutPreparedStatementQuery(context.Context, flightsql.PreparedStatementQuery, flight.MessageReader, flight.MetadataWriter) ([]byte, error) {
	return nil, status.Error(codes.Unimplemented, "lpa's Flight SQL endpoint binds no parameters: write the values into the query")
}

// DoPutCommandStatementUpdate, DoPutPreparedStatementUpdate and
// DoPutCommandStatementIngest would change the warehouse.
func (s *Server) DoPutCommandStatementUpdate(context.Context, flightsql.StatementUpdate) (int64, error) {
	return 0, readOnly
}

func (s *Server) DoPutPreparedStatementUpdate(context.Context, flightsql.PreparedStatementUpdate, flight.MessageReader) (int64, error) {
	return 0, readOnly
}

func (s *Server) DoPutCommandStatementIngest(context.Context, flightsql.StatementIngest, flight.MessageReader) (int64, error) {
	return 0, readOnly
}
