// Where one delivery of an alert event to one channel stands.
export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed';
