using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class ConsentChangeConfiguration : IEntityTypeConfiguration<ConsentChange>
{
    public void Configure(EntityTypeBuilder<ConsentChange> change)
    {
        change.ToTable("ConsentChanges");
        change.Property(c => c.Channel).HasMaxLength(ColumnLengths.ConsentChannel);
        change.Property(c => c.ClientName).HasMaxLength(ColumnLengths.ClientName);
        change.Property(c => c.ActorType).HasMaxLength(ColumnLengths.ActorType);
        change.Property(c => c.ActorId).HasMaxLength(ColumnLengths.ActorId);
        change.Property(c => c.ActorName).HasMaxLength(ColumnLengths.ActorName);
        change.HasOne<LoyaltyClub>().WithMany().HasForeignKey(c => c.ClubId).OnDelete(DeleteBehavior.Restrict);
        // The proof outlives the member: erasure unlinks the records instead of deleting them.
        change.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.SetNull);
        change.HasOne(c => c.Definition).WithMany().HasForeignKey(c => c.ConsentDefinitionId).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => new { c.MemberId, c.ChangedAt });
        change.HasIndex(c => new { c.ClubId, c.ChangedAt });
    }
}
