import { statementCsv } from './statement-csv';

describe('recharge statement CSV', () => {
  it('has one row per delivered line and a total row, quoting and defusing text', () => {
    const csv = statementCsv({
      costCentreCode: 'W-ALDER',
      costCentreName: 'Alder Ward',
      month: '2026-11',
      orders: [
        { kind: 'ORDER', orderId: 'o1', reference: 'WO-AAAA0001', enterpriseName: 'Ward Laundry', date: '2026-11-02', journalEntryId: 'e1', lines: [{ productName: 'Bag, large', quantity: 3, unitPricePence: 350, totalPence: 1050 }, { productName: '=SUM(A1)', quantity: 1, unitPricePence: 275, totalPence: 275 }], totalPence: 1325 },
        { kind: 'BOOKING', orderId: 'b1', reference: 'SB-BBBB0002', enterpriseName: 'Car Valet', date: '2026-11-03', journalEntryId: 'e2', lines: [{ productName: 'Full valet', quantity: 1, unitPricePence: 1500, totalPence: 1500 }], totalPence: 1500 },
      ],
      totalPence: 2825,
      ledgerTotalPence: 2825,
      balanced: true,
    });
    expect(csv.split('\r\n')).toEqual([
      'costCentre,reference,date,enterprise,item,quantity,unitPricePence,totalPence,journalEntryId',
      'W-ALDER,WO-AAAA0001,2026-11-02,Ward Laundry,"Bag, large",3,350,1050,e1',
      "W-ALDER,WO-AAAA0001,2026-11-02,Ward Laundry,'=SUM(A1),1,275,275,e1",
      'W-ALDER,SB-BBBB0002,2026-11-03,Car Valet,Full valet,1,1500,1500,e2',
      'W-ALDER,TOTAL,2026-11,,,,,2825,',
      '',
    ]);
  });
});
