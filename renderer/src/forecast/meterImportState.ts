/** Whether the meter-data import dialog is shown (File → Import meter data). */
import { create } from 'zustand';

export const useMeterImport = create<{ open: boolean }>(() => ({ open: false }));
export const openMeterImport = () => useMeterImport.setState({ open: true });
export const closeMeterImport = () => useMeterImport.setState({ open: false });
