using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sia.Risk.Data.Configurations;

internal sealed class RoundRequestConfiguration : IEntityTypeConfiguration<RoundRequestEntity>
{
    public void Configure(EntityTypeBuilder<RoundRequestEntity> request)
    {
        request.ToTable("round_requests");
        request.HasKey(e => e.RequestId);
        request.Property(e => e.Outcome).IsJson();
    }
}
