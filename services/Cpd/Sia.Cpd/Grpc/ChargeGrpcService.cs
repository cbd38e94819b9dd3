using Grpc.Core;
using Sia.Cpd.Domain.Charges;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;

namespace Sia.Cpd.Grpc;

/// <summary>A school's charges per term, as far as the caller may see them (ChargeAccess).</summary>
internal sealed class ChargeGrpcService(Charges charges) : ChargeService.ChargeServiceBase
{
    public override async Task<TermCharges> GetTermCharges(GetTermChargesRequest request, ServerCallContext context)
    {
        var name = TermChargesName.Parse(request.Name, "name");
        return (await charges.ForTermAsync(name, context.ChargesVisibleTo, context.CancellationToken)).ToMessage(name);
    }
}
