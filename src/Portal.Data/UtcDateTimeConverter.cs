using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Data;

/// <summary>
/// Every timestamp is stored in UTC. SQLite keeps no kind, so values read back are marked UTC
/// (otherwise they would be serialized without an offset).
/// </summary>
public class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : toStore,
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
