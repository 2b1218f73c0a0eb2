using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Entities;

namespace Portal.Data.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.Property(m => m.Channel).HasMaxLength(ColumnLengths.ConsentChannel);
        message.Property(m => m.Recipient).HasMaxLength(ColumnLengths.OutboxRecipient);
        message.Property(m => m.Subject).HasMaxLength(ColumnLengths.OutboxSubject);
        message.Property(m => m.Body).HasMaxLength(ColumnLengths.OutboxBody);
        message.Property(m => m.Purpose).HasMaxLength(ColumnLengths.Purpose);
        message.HasOne<LoyaltyClub>().WithMany().HasForeignKey(m => m.ClubId).OnDelete(DeleteBehavior.Cascade);
        message.HasIndex(m => new { m.ClubId, m.CreatedAt });
    }
}
