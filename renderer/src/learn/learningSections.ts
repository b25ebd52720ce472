/** The tree section of the learning community (issue 19), inserted into SECTIONS; its editor is LearningEditor. */
import type { Section } from '../section.ts';

export const LEARNING_SECTIONS: Section[] = [{ id: 'learning', label: 'Learning community', issuePrefix: 'learning' }];
