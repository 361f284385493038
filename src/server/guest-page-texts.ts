import type { JoinPageReason } from '../core/broker/open-join-link.js';
import type { GuestLanguage } from '../core/tenants/brand.js';

interface PageText {
  heading: string;
  text: string;
}

/** What a guest reads when a link cannot go to Webex, in every language a tenant may pick. */
export const GUEST_PAGE_TEXTS: Record<GuestLanguage, Record<JoinPageReason, PageText>> = {
  en: {
    unknown: { heading: 'This link does not work', text: 'Check that you copied the whole link, or ask whoever invited you for a new one.' },
    revoked: { heading: 'This link was turned off', text: 'Ask whoever invited you for a new link.' },
    replaced: { heading: 'This link was replaced', text: 'A newer link was sent for this seat. Use the latest one, or ask for a new link.' },
    cancelled: { heading: 'This meeting was cancelled', text: 'There is nothing to join. Contact whoever invited you if you expected it.' },
    ended: { heading: 'This meeting has ended', text: 'The meeting is over. Contact whoever invited you if you need another one.' },
    unavailable: { heading: 'The meeting cannot be reached right now', text: 'Please try again in a minute.' },
    org_unavailable: {
      heading: 'This meeting cannot take place',
      text: 'The organization hosting it is not connected to its meeting service any more. Contact whoever invited you.',
    },
    capacity: {
      heading: 'Your meeting room is being prepared',
      text: 'All meeting rooms are busy right now. Keep this page open: it checks again every few seconds and takes you in as soon as a room is free.',
    },
  },
  es: {
    unknown: { heading: 'Este enlace no funciona', text: 'Compruebe que copió el enlace completo o pida uno nuevo a quien le invitó.' },
    revoked: { heading: 'Este enlace se desactivó', text: 'Pida un enlace nuevo a quien le invitó.' },
    replaced: { heading: 'Este enlace se reemplazó', text: 'Se envió un enlace más reciente para este puesto. Use el último o pida uno nuevo.' },
    cancelled: { heading: 'Esta reunión se canceló', text: 'No hay nada a lo que unirse. Si la esperaba, contacte con quien le invitó.' },
    ended: { heading: 'Esta reunión ha terminado', text: 'La reunión ha finalizado. Si necesita otra, contacte con quien le invitó.' },
    unavailable: { heading: 'No se puede acceder a la reunión en este momento', text: 'Vuelva a intentarlo en un minuto.' },
    org_unavailable: {
      heading: 'Esta reunión no puede celebrarse',
      text: 'La organización que la organiza ya no está conectada a su servicio de reuniones. Contacte con quien le invitó.',
    },
    capacity: {
      heading: 'Estamos preparando su sala de reunión',
      text: 'Todas las salas están ocupadas ahora mismo. Mantenga esta página abierta: se comprueba de nuevo cada pocos segundos y le hace entrar en cuanto haya una sala libre.',
    },
  },
};

/** The words around the message: the meeting line and the logo's alternative text. */
export const GUEST_PAGE_LABELS: Record<GuestLanguage, { meeting: string; logo: (name: string) => string }> = {
  en: { meeting: 'Meeting', logo: (name) => `${name} logo` },
  es: { meeting: 'Reunión', logo: (name) => `Logotipo de ${name}` },
};
