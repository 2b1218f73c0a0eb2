using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> audit)
    {
        audit.ToTable("AuditRecords");
        audit.Property(a => a.ActorType).HasMaxLength(ColumnLengths.ActorType);
        audit.Property(a => a.ActorId).HasMaxLength(ColumnLengths.ActorId);
        audit.Property(a => a.ActorName).HasMaxLength(ColumnLengths.ActorName);
        audit.Property(a => a.Action).HasMaxLength(ColumnLengths.AuditAction);
        audit.Property(a => a.Target).HasMaxLength(ColumnLengths.AuditTarget);
        audit.Property(a => a.Details).HasMaxLength(ColumnLengths.AuditDetails);
        audit.Property(a => a.RemoteIp).HasMaxLength(64);
        // Records written before channels were kept have none.
        audit.Property(a => a.Channel).HasMaxLength(ColumnLengths.AuditChannel).HasDefaultValue("");
        // Audit records outlive what they describe; a club's records go only with the club's own deletion.
        audit.HasOne<LoyaltyClub>().WithMany().HasForeignKey(a => a.ClubId).OnDelete(DeleteBehavior.SetNull);
        audit.HasIndex(a => new { a.ClubId, a.At });
        audit.HasIndex(a => a.At);
    }
}
