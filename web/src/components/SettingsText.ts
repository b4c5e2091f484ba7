/** Words for a property's statement settings, shared by the statement and properties pages. */
export const BASIS_LABELS: Record<string, string> = {
  net: 'Net (gross − channel fees)',
  gross: 'Gross revenue',
  accommodation: 'Accommodation only',
};

export const taxesText = (ownerRemitsTaxes: boolean) =>
  ownerRemitsTaxes ? 'Owner remits taxes (paid out to the owner)' : 'Manager remits taxes';
