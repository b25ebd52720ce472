/** Whether the TNTP import dialog is shown (File → Import TNTP…). */
import { create } from 'zustand';

export const useTntpImport = create<{ open: boolean }>(() => ({ open: false }));
export const openTntpImport = () => useTntpImport.setState({ open: true });
export const closeTntpImport = () => useTntpImport.setState({ open: false });
