export const roleLabel = { member: 'Member', incident_lead: 'Incident lead', moderator: 'Moderator', admin: 'Admin' } as const;
export const statusLabel = { active: 'Active', suspended: 'Suspended', closed: 'Closed' } as const;
