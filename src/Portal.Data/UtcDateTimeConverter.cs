using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data;

/// <summary>
/// Every timestamp is stored in UTC. SQLite keeps no kind, so values read back are marked UTC
/// (otherwise they would be serialized without an offset). Values of unspecified kind are taken as UTC when stored,
/// as SQLite always did; PostgreSQL's <c>timestamp with time zone</c> refuses them otherwise.
/// </summary>
public class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
